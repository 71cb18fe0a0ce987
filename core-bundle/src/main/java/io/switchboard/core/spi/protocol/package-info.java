/** What the core's protocol parsers share with the parsers of plugins (routes, gateways, leaf nodes). */
@Version("1.0.0")
@Export
package io.switchboard.core.spi.protocol;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
