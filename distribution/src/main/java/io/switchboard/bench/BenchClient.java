package io.switchboard.bench;

import java.io.IOException;

/** One connection of a run with its own thread: a publisher, subscriber, requester or replier. */
abstract class BenchClient<S extends BenchSocket> {

    final S socket;
    final Counter counter = new Counter();

    BenchClient(S socket) {
        this.socket = socket;
    }

    /** Does the client's work on the calling thread; returns when done or when the socket closes. */
    abstract void run() throws IOException;
}
