package io.switchboard.core.spi.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.switchboard.core.spi.protocol.Sizes;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The parser of nats-server's route, gateway and leaf node protocols: gathers each control line up
 * to its LF, whatever the reads it is cut into, and hands a message payload that is whole in the
 * read buffer on as a slice of it, without a copy. Operations: INFO, CONNECT, PING, PONG, RS+, RS-,
 * A+, A-, RMSG, HMSG, +OK, -ERR; on a leaf node connection LS+, LS-, LMSG and HMSG instead of the
 * subscriptions and messages of the others, without an account (the connection is bound to one:
 * the callbacks get a null account). Used by one connection's event loop.
 */
public final class LinkParser {

    private enum State { LINE, PAYLOAD, PAYLOAD_CR, PAYLOAD_LF }

    private static final int MAX_ARGS = 64;
    /** nats-server sets routes no control line limit; this only keeps a broken peer from filling memory. */
    private static final int MAX_LINE = 1024 * 1024;

    private final LinkOps ops;
    private final ByteBufAllocator allocator;
    /** How many arguments come before the subject: the account on routes and gateways, none on leaf nodes. */
    private final int accountArgs;
    private Consumer<String> trace;

    private State state = State.LINE;
    private byte[] line = new byte[256];
    private int lineLen;
    private int currentLen;
    private final int[] argStart = new int[MAX_ARGS];
    private final int[] argEnd = new int[MAX_ARGS];

    private final LinkMessage message = new LinkMessage();
    private int size;
    private ByteBuf payload;

    public LinkParser(LinkOps ops, ByteBufAllocator allocator) {
        this(ops, allocator, false);
    }

    /**
     * A parser of the leaf node protocol when {@code leaf}, else of the route and gateway one.
     *
     * @since 1.4
     */
    public LinkParser(LinkOps ops, ByteBufAllocator allocator, boolean leaf) {
        this.ops = ops;
        this.allocator = allocator;
        this.accountArgs = leaf ? 0 : 1;
    }

    /** Hands every control line read from now on to {@code trace}; null turns tracing off. */
    public void trace(Consumer<String> trace) {
        this.trace = trace;
    }

    /** Parses everything readable in {@code buf}, leaving its reader index at its end. */
    public void parse(ByteBuf buf) throws LinkProtocolException {
        int i = buf.readerIndex();
        int end = buf.writerIndex();
        try {
            while (i < end) {
                switch (state) {
                    case LINE -> i = readLine(buf, i, end);
                    case PAYLOAD -> i = readPayload(buf, i, end);
                    case PAYLOAD_CR -> i = expect(buf.getByte(i), '\r', State.PAYLOAD_LF, i);
                    case PAYLOAD_LF -> {
                        i = expect(buf.getByte(i), '\n', State.LINE, i);
                        deliver();
                    }
                }
            }
        } finally {
            buf.readerIndex(end);
        }
    }

    /** Releases a partly read payload; the parser is not used after this. */
    public void release() {
        if (payload != null) {
            payload.release();
            payload = null;
        }
    }

    private int expect(byte b, char wanted, State next, int i) throws LinkProtocolException {
        if (b != wanted) {
            throw new LinkProtocolException("message payload not followed by CRLF");
        }
        state = next;
        return i + 1;
    }

    private int readLine(ByteBuf buf, int i, int end) throws LinkProtocolException {
        int lf = buf.indexOf(i, end, (byte) '\n');
        int stop = lf < 0 ? end : lf;
        if (lineLen + stop - i > MAX_LINE) {
            throw new LinkProtocolException("maximum control line exceeded");
        }
        append(buf, i, stop - i);
        if (lf < 0) {
            return end;
        }
        currentLen = lineLen > 0 && line[lineLen - 1] == '\r' ? lineLen - 1 : lineLen;
        lineLen = 0;
        operation(currentLen);
        return lf + 1;
    }

    private void append(ByteBuf buf, int from, int count) {
        if (lineLen + count > line.length) {
            byte[] bigger = new byte[Math.max(line.length * 2, lineLen + count)];
            System.arraycopy(line, 0, bigger, 0, lineLen);
            line = bigger;
        }
        buf.getBytes(from, line, lineLen, count);
        lineLen += count;
    }

    private void operation(int len) throws LinkProtocolException {
        int opEnd = 0;
        while (opEnd < len && line[opEnd] != ' ' && line[opEnd] != '\t') {
            opEnd++;
        }
        String op = new String(line, 0, opEnd, StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
        if (op.isEmpty()) {
            return;
        }
        if (trace != null && !op.equals("INFO")) {
            trace.accept(new String(line, 0, len, StandardCharsets.UTF_8));
        }
        switch (op) {
            case "PING" -> ops.ping();
            case "PONG" -> ops.pong();
            case "+OK" -> {
            }
            case "INFO" -> ops.info(rest(opEnd, len));
            case "CONNECT" -> ops.connect(rest(opEnd, len));
            case "-ERR" -> ops.error(rest(opEnd, len));
            case "HMSG" -> messageArgs(split(opEnd, len), true);
            default -> linkOperation(op, opEnd, len);
        }
    }

    private void linkOperation(String op, int opEnd, int len) throws LinkProtocolException {
        if (accountArgs == 0) {
            switch (op) {
                case "LS+" -> subscribeArgs(split(opEnd, len), "LS+");
                case "LS-" -> unsubscribeArgs(split(opEnd, len), "LS-");
                case "LMSG" -> messageArgs(split(opEnd, len), false);
                default -> throw LinkProtocolException.unknownOperation(op);
            }
            return;
        }
        switch (op) {
            case "RS+" -> subscribeArgs(split(opEnd, len), "RS+");
            case "RS-" -> unsubscribeArgs(split(opEnd, len), "RS-");
            case "A+" -> accountArgs(split(opEnd, len), true);
            case "A-" -> accountArgs(split(opEnd, len), false);
            case "RMSG" -> messageArgs(split(opEnd, len), false);
            default -> throw LinkProtocolException.unknownOperation(op);
        }
    }

    private String rest(int opEnd, int len) {
        int from = opEnd;
        while (from < len && (line[from] == ' ' || line[from] == '\t')) {
            from++;
        }
        return new String(line, from, len - from, StandardCharsets.UTF_8);
    }

    private String account() {
        return accountArgs == 0 ? null : arg(0);
    }

    private void subscribeArgs(int n, String op) throws LinkProtocolException {
        int s = accountArgs;
        if (n == s + 1) {
            ops.subscribe(account(), arg(s), null, 1);
        } else if (n == s + 3) {
            int weight = number(s + 2);
            if (weight < 0) {
                throw parseError(op);
            }
            ops.subscribe(account(), arg(s), arg(s + 1), weight);
        } else {
            throw parseError(op);
        }
    }

    private void unsubscribeArgs(int n, String op) throws LinkProtocolException {
        int s = accountArgs;
        if (n == s + 1) {
            ops.unsubscribe(account(), arg(s), null);
        } else if (n == s + 2) {
            ops.unsubscribe(account(), arg(s), arg(s + 1));
        } else {
            throw parseError(op);
        }
    }

    private void accountArgs(int n, boolean interested) throws LinkProtocolException {
        if (n != 1) {
            throw parseError(interested ? "A+" : "A-");
        }
        ops.accountInterest(arg(0), interested);
    }

    /**
     * {@code <account> <subject> [<reply>] [<header size>] <size>}, or with queue groups
     * {@code <account> <subject> + <reply> <queue>... [<header size>] <size>} and
     * {@code <account> <subject> | <queue>... [<header size>] <size>}.
     */
    private void messageArgs(int n, boolean headers) throws LinkProtocolException {
        String op = headers ? "HMSG" : accountArgs == 0 ? "LMSG" : "RMSG";
        int sizes = headers ? 2 : 1;
        int s = accountArgs;
        if (n < s + 1 + sizes) {
            throw parseError(op);
        }
        message.account = account();
        message.subject = arg(s);
        message.reply = null;
        message.queues.clear();
        if (n == s + 2 + sizes) {
            message.reply = arg(s + 1);
        } else if (n > s + 2 + sizes) {
            int indicator = s + 1;
            if (argEnd[indicator] - argStart[indicator] != 1
                    || (line[argStart[indicator]] != '+' && line[argStart[indicator]] != '|')) {
                throw new LinkProtocolException(op + " bad or missing reply indicator");
            }
            int first = indicator + 1;
            if (line[argStart[indicator]] == '+') {
                message.reply = arg(first);
                first++;
            }
            for (int q = first; q < n - sizes; q++) {
                message.queues.add(arg(q));
            }
        }
        size = number(n - 1);
        message.headerSize = headers ? number(n - 2) : 0;
        if (size < 0 || message.headerSize < 0 || message.headerSize > size) {
            throw parseError(op);
        }
        state = State.PAYLOAD;
    }

    private int readPayload(ByteBuf buf, int i, int end) {
        if (payload == null) {
            if (end - i >= size) {
                payload = buf.retainedSlice(i, size);
                state = State.PAYLOAD_CR;
                return i + size;
            }
            // Sized by what has come, not by what the peer declared, which may never arrive.
            payload = allocator.buffer(end - i, size);
        }
        int take = Math.min(end - i, size - payload.readableBytes());
        payload.writeBytes(buf, i, take);
        if (payload.readableBytes() == size) {
            state = State.PAYLOAD_CR;
        }
        return i + take;
    }

    private void deliver() throws LinkProtocolException {
        message.data = payload;
        payload = null;
        try {
            ops.message(message);
        } finally {
            message.data.release();
            message.data = null;
        }
    }

    /** Splits the arguments after the operation at spaces and tabs; returns their count. */
    private int split(int from, int len) throws LinkProtocolException {
        int n = 0;
        int start = -1;
        for (int i = from; i <= len; i++) {
            boolean blank = i == len || line[i] == ' ' || line[i] == '\t';
            if (blank && start >= 0) {
                if (n == MAX_ARGS) {
                    throw new LinkProtocolException("too many arguments");
                }
                argStart[n] = start;
                argEnd[n++] = i;
                start = -1;
            } else if (!blank && start < 0) {
                start = i;
            }
        }
        return n;
    }

    private String arg(int n) {
        return new String(line, argStart[n], argEnd[n] - argStart[n], StandardCharsets.UTF_8);
    }

    private int number(int n) {
        return Sizes.parse(line, argStart[n], argEnd[n]);
    }

    private LinkProtocolException parseError(String op) {
        return new LinkProtocolException(op + " parse error: '" + new String(line, 0, Math.min(currentLen, 128),
                StandardCharsets.UTF_8) + "'");
    }
}
