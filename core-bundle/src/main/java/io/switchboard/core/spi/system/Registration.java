package io.switchboard.core.spi.system;

import org.osgi.annotation.versioning.ProviderType;

/** An internal subscription or a watch, until cancelled. */
@ProviderType
public interface Registration {

    /** Nothing more is delivered or told; cancelling twice does nothing. */
    void cancel();
}
