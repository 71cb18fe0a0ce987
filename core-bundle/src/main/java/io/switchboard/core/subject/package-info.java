/**
 * Subject handling: validation and matching of NATS subjects, and the subject index that routes a
 * published subject to every interested subscription (plain subscribers and queue groups).
 */
package io.switchboard.core.subject;
