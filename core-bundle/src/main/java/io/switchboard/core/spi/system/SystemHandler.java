package io.switchboard.core.spi.system;

import org.osgi.annotation.versioning.ConsumerType;

/** Takes the messages of an internal subscription. */
@ConsumerType
@FunctionalInterface
public interface SystemHandler {

    void message(SystemMessage message);
}
