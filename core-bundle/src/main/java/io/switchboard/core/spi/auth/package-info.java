/**
 * The authenticator SPI: what a plugin implements to decide who may connect, with which
 * account and permissions. Pure Java; a plugin compiles against this package alone.
 *
 * <p>1.3 lets an authenticator have connected clients decided about again when what it admits
 * changes ({@link io.switchboard.core.spi.auth.AdmissionsChanged}).
 */
@Version("1.3.0")
@Export
package io.switchboard.core.spi.auth;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
