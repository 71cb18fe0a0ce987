package io.switchboard.cluster;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code RMSG} or {@code HMSG} as read from a route: reused by the parser for every message.
 * {@code queues} names the queue groups the sending server picked this one for.
 */
final class RoutedMessage {

    String account;
    String subject;
    String reply;
    final List<String> queues = new ArrayList<>();
    /** Bytes of headers at the start of {@link #data}; 0 without headers. */
    int headerSize;
    ByteBuf data;
}
