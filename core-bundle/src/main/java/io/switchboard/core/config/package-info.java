/**
 * Reading of nats-server (2.9) configuration: the configuration file format, Go-style durations,
 * the command-line flags, and the resulting {@link io.switchboard.core.config.ServerOptions}.
 * Other bundles read their own top-level block through
 * {@link io.switchboard.core.config.ServerOptions#block(String)}; listen settings of such a block read
 * as the top-level {@code listen} does with {@link io.switchboard.core.config.HostPort}, and
 * {@code permissions} maps with {@link io.switchboard.core.config.PermissionsReader}.
 *
 * <p>1.2.0: {@link io.switchboard.core.config.BlockReader} reads a block's values with nats-server's
 * typing, and {@link io.switchboard.core.config.ConfiguredUsers} checks a transport's {@code no_auth_user}.
 *
 * <p>1.3.0: {@link io.switchboard.core.config.TransportAuthorization} reads and checks a transport's own
 * {@code authorization} block and {@code no_auth_user}.
 */
@Version("1.3.0")
@Export
package io.switchboard.core.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
