package io.switchboard.core.protocol;

import io.netty.buffer.ByteBuf;

/** Receives each operation the parser reads, for nats-server's {@code -V} protocol trace. */
public interface ProtocolTrace {

    /** An operation and its argument as the client sent it; {@code arg} is null for PING and PONG. */
    void operation(String op, String arg);

    /** A PUB or HPUB payload, {@code length} bytes of {@code buf} from {@code from} on, before it is handed on. */
    void payload(ByteBuf buf, int from, int length);
}
