package io.switchboard.core.protocol;

import io.netty.buffer.ByteBuf;

/**
 * Bytes written the way Go's {@code %q} writes them, for log lines that must read like
 * nats-server's (payload traces, parser error snippets): printable text as it is, control
 * bytes and invalid UTF-8 escaped, the whole in double quotes.
 */
public final class GoQuoting {

    private GoQuoting() {
    }

    /** Quotes {@code length} bytes of {@code buf} starting at absolute index {@code from}. */
    public static String quote(ByteBuf buf, int from, int length) {
        StringBuilder out = new StringBuilder(length + 2).append('"');
        int end = from + length;
        int i = from;
        while (i < end) {
            int b = buf.getByte(i) & 0xff;
            if (b < 0x80) {
                appendAscii(out, b);
                i++;
                continue;
            }
            int codePoint = decode(buf, i, end);
            if (codePoint < 0) {
                appendHex(out, b);
                i++;
            } else {
                if (Character.isISOControl(codePoint) || !Character.isDefined(codePoint)) {
                    out.append(String.format("\\u%04x", codePoint));
                } else {
                    out.appendCodePoint(codePoint);
                }
                i += utf8Length(codePoint);
            }
        }
        return out.append('"').toString();
    }

    private static void appendAscii(StringBuilder out, int b) {
        switch (b) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case 7 -> out.append("\\a");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case 11 -> out.append("\\v");
            default -> {
                if (b < 0x20 || b == 0x7f) {
                    appendHex(out, b);
                } else {
                    out.append((char) b);
                }
            }
        }
    }

    private static void appendHex(StringBuilder out, int b) {
        out.append("\\x").append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
    }

    /** The code point of the UTF-8 sequence at {@code i}, or -1 when it is not a valid one. */
    private static int decode(ByteBuf buf, int i, int end) {
        int b = buf.getByte(i) & 0xff;
        int length;
        int codePoint;
        if (b >= 0xc2 && b <= 0xdf) {
            length = 2;
            codePoint = b & 0x1f;
        } else if (b >= 0xe0 && b <= 0xef) {
            length = 3;
            codePoint = b & 0x0f;
        } else if (b >= 0xf0 && b <= 0xf4) {
            length = 4;
            codePoint = b & 0x07;
        } else {
            return -1;
        }
        if (i + length > end) {
            return -1;
        }
        for (int k = 1; k < length; k++) {
            int c = buf.getByte(i + k) & 0xff;
            if ((c & 0xc0) != 0x80) {
                return -1;
            }
            codePoint = codePoint << 6 | (c & 0x3f);
        }
        boolean overlong = utf8Length(codePoint) != length;
        boolean surrogate = codePoint >= 0xd800 && codePoint <= 0xdfff;
        return overlong || surrogate || codePoint > 0x10ffff ? -1 : codePoint;
    }

    private static int utf8Length(int codePoint) {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }
}
