/** NKeys, NATS's encoding of Ed25519 public keys, for the core and the auth plugins. */
@Version("1.1.0")
@Export
package io.switchboard.core.nkey;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
