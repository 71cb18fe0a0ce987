package io.switchboard.transport.websocket;

/** RFC 6455 frame opcodes and header bits. */
final class Opcodes {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    static final int FIN = 0x80;
    static final int RSV1 = 0x40;
    static final int MASK = 0x80;

    private Opcodes() {
    }

    static boolean isControl(int opcode) {
        return opcode >= CLOSE;
    }
}
