package io.switchboard.it;

import java.io.IOException;

/**
 * Debian's nats-server, the reference, and Switchboard, the system under test, started with the
 * same flags, to be fed the same input and compared.
 */
record SideBySide(ServerProcess reference, ServerProcess sut) implements AutoCloseable {

    static SideBySide start(String... flags) throws IOException {
        return new SideBySide(ServerProcess.startNatsServer(flags), ServerProcess.start(flags));
    }

    @Override
    public void close() throws InterruptedException {
        reference.close();
        sut.close();
    }
}
