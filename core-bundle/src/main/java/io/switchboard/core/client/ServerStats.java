package io.switchboard.core.client;

import java.util.concurrent.atomic.LongAdder;

/** Server-wide message counters, as /varz reports them. */
public final class ServerStats {

    public final LongAdder inMsgs = new LongAdder();
    public final LongAdder inBytes = new LongAdder();
    public final LongAdder outMsgs = new LongAdder();
    public final LongAdder outBytes = new LongAdder();
    public final LongAdder slowConsumers = new LongAdder();
    public final LongAdder slowConsumersPendingBytes = new LongAdder();
    public final LongAdder slowConsumersWriteDeadline = new LongAdder();
    public final LongAdder totalConnections = new LongAdder();
}
