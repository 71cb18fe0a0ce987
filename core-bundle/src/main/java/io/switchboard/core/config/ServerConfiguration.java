package io.switchboard.core.config;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The server's configuration as it stands, offered by the core as a service: plugins read
 * their settings from it on each use, so a reload reaches them without notice.
 */
@ProviderType
public interface ServerConfiguration {

    ServerOptions current();
}
