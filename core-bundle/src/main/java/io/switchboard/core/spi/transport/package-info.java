/** The contract between the core and transport bundles. */
@Version("1.1.0")
@Export
package io.switchboard.core.spi.transport;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
