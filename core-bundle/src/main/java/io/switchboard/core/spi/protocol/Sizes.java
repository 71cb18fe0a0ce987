package io.switchboard.core.spi.protocol;

/** Sizes in protocol lines, read as nats-server reads them. */
public final class Sizes {

    private Sizes() {
    }

    /**
     * nats-server's parseSize: the decimal digits of {@code bytes[from..to)}, at most nine of them;
     * -1 when there are none, too many, or anything but digits.
     */
    public static int parse(byte[] bytes, int from, int to) {
        int len = to - from;
        if (len == 0 || len > 9) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            byte d = bytes[i];
            if (d < '0' || d > '9') {
                return -1;
            }
            value = value * 10 + (d - '0');
        }
        return value;
    }
}
