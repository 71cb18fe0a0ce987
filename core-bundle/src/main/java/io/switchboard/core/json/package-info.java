/**
 * The JSON that NATS protocol lines carry (INFO, CONNECT): a reader into plain maps, lists,
 * strings, numbers and booleans, and a writer that keeps a map's order.
 */
@Version("1.0.0")
@Export
package io.switchboard.core.json;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
