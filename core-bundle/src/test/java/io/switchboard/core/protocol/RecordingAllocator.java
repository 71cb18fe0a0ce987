package io.switchboard.core.protocol;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;

/**
 * An allocator that remembers the largest buffer asked of it, so that a fuzz test can check that a
 * length read from the wire never reserves memory for bytes that have not arrived.
 */
public final class RecordingAllocator extends AbstractByteBufAllocator {

    private int largest;

    public RecordingAllocator() {
        super(false);
    }

    /** The largest initial capacity asked for since the last call, which starts the count again. */
    public int takeLargest() {
        int seen = largest;
        largest = 0;
        return seen;
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        largest = Math.max(largest, initialCapacity);
        return UnpooledByteBufAllocator.DEFAULT.heapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        largest = Math.max(largest, initialCapacity);
        return UnpooledByteBufAllocator.DEFAULT.directBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }
}
