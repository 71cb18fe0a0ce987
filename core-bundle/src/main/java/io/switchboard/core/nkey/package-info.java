/** NKeys, NATS's encoding of Ed25519 keys, for the core, the auth plugins and the links that sign a nonce (1.2). */
@Version("1.2.0")
@Export
package io.switchboard.core.nkey;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
