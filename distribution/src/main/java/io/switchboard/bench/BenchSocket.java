package io.switchboard.bench;

import java.io.IOException;

/** A bench client's connection, whatever protocol it speaks: the run only needs to know whether it is open, and to close it. */
interface BenchSocket extends AutoCloseable {

    boolean isOpen();

    @Override
    void close() throws IOException;
}
