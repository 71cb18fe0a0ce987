package io.switchboard.transport.mqtt;

/** What the core's NATS client protocol sends a session's link. */
sealed interface ServerOp {

    record Info(String json) implements ServerOp {
    }

    /** A message; {@code headers} is the raw NATS header block, empty without one. */
    record Msg(String subject, int sid, String reply, NatsHeaders headers, byte[] payload) implements ServerOp {
    }

    record Err(String text) implements ServerOp {
    }

    enum Control implements ServerOp {
        PING, PONG, OK
    }
}
