package io.switchboard.core.routing;

/** Messages and bytes a connection, or all of an account's, published (in) and were delivered (out). */
public record Traffic(long inMsgs, long inBytes, long outMsgs, long outBytes) {

    public static final Traffic NONE = new Traffic(0, 0, 0, 0);

    public Traffic plus(Traffic other) {
        return new Traffic(inMsgs + other.inMsgs, inBytes + other.inBytes, outMsgs + other.outMsgs,
                outBytes + other.outBytes);
    }
}
