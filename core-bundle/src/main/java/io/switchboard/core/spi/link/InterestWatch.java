package io.switchboard.core.spi.link;

import org.osgi.annotation.versioning.ProviderType;

/** A listener's watch on local interest. */
@ProviderType
public interface InterestWatch {

    /** The listener hears nothing more. */
    void cancel();
}
