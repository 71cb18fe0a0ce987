/**
 * Reading of nats-server (2.9) configuration: the configuration file format, Go-style durations,
 * the command-line flags, and the resulting {@link io.switchboard.core.config.ServerOptions}.
 * Other bundles read their own top-level block through
 * {@link io.switchboard.core.config.ServerOptions#block(String)}.
 */
@Version("1.0.0")
@Export
package io.switchboard.core.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
