package io.switchboard.core.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.switchboard.core.routing.Message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The client protocol parser: a byte-at-a-time state machine in the manner of nats-server's,
 * so that a stream cut at any byte parses the same and a bad byte is answered where
 * nats-server answers it. The state machine reads from a small heap window copied out of the
 * read buffer, not from the buffer byte by byte; control lines are gathered into a scratch
 * array. A payload that is whole in the read buffer, with its CRLF, is handed on in place, as
 * a region of the read buffer: no slice, no reference count traffic. Subjects seen recently are
 * reused as the same String.
 */
public final class ClientParser {

    private enum State {
        OP_START, OP_P, KEYWORD, AWAIT_SPACE, SKIP_SPACE, ARG, IGNORE_TO_EOL,
        MSG_PAYLOAD, MSG_END_R, MSG_END_N
    }

    private enum Op {
        PUB("PUB"), HPUB("HPUB"), SUB("SUB"), UNSUB("UNSUB"), CONNECT("CONNECT"), PING("PING"),
        PONG("PONG"), INFO("INFO"), OK("+OK"), ERR("-ERR");

        final String keyword;

        Op(String keyword) {
            this.keyword = keyword;
        }
    }

    private static final int MAX_ARGS = 4;
    /** Bytes copied out of the read buffer at a time; a large payload is skipped, not copied. */
    private static final int WINDOW = 1024;

    private final ClientOps ops;
    private final ByteBufAllocator allocator;
    private int maxControlLine;
    private int maxPayload;
    private boolean authenticated = true;

    private State state = State.OP_START;
    private Op op;
    private int keywordPos;
    private byte[] line = new byte[256];
    private int lineLen;
    private boolean drop;

    private final Message message = new Message();
    private final SubjectCache subjects = new SubjectCache();
    private final byte[] window = new byte[WINDOW];
    private int pubSize;
    /** A payload gathered across reads; null while the payload is read in place. */
    private ByteBuf payload;
    private int payloadFrom;
    /** The buffer being parsed and its end, while {@link #parse} runs. */
    private ByteBuf readBuf;
    private int readEnd;

    private final int[] argStart = new int[MAX_ARGS + 1];
    private final int[] argEnd = new int[MAX_ARGS + 1];

    public ClientParser(ClientOps ops, ByteBufAllocator allocator, int maxControlLine, int maxPayload) {
        this.ops = ops;
        this.allocator = allocator;
        this.maxControlLine = maxControlLine;
        this.maxPayload = maxPayload;
    }

    public void limits(int maxControlLine, int maxPayload) {
        this.maxControlLine = maxControlLine;
        this.maxPayload = maxPayload;
    }

    /** Until authenticated, every operation but CONNECT is an authorization violation. */
    public void requireConnectFirst(boolean required) {
        this.authenticated = !required;
    }

    public void authenticated() {
        this.authenticated = true;
    }

    /** Parses everything readable in {@code buf}; the buffer's reader index is left at its end. */
    public void parse(ByteBuf buf) throws ProtocolViolation {
        int i = buf.readerIndex();
        int end = buf.writerIndex();
        readBuf = buf;
        readEnd = end;
        try {
            while (i < end) {
                if (state == State.MSG_PAYLOAD) {
                    i = payload == null ? startPayload(i) : copyPayload(i);
                    continue;
                }
                int n = Math.min(end - i, WINDOW);
                buf.getBytes(i, window, 0, n);
                i += scan(i, n);
            }
            if (state == State.ARG && lineLen > maxControlLine) {
                throw maxControlLineExceeded();
            }
        } finally {
            readBuf = null;
            buf.readerIndex(end);
        }
    }

    /**
     * Runs the state machine over the window, which holds {@code n} bytes of the read buffer
     * from {@code base} on. Returns how far it got, past the window when it skipped a payload.
     */
    private int scan(int base, int n) throws ProtocolViolation {
        byte[] w = window;
        int k = 0;
        while (k < n) {
            switch (state) {
                case ARG -> k = readArg(w, k, n);
                case MSG_PAYLOAD -> {
                    k = startPayload(base + k) - base;
                    if (payload != null) {
                        return k;
                    }
                }
                case OP_START -> k = startsWithPub(w, k, n) ? pubKeyword(k) : stepAt(w, k);
                default -> k = stepAt(w, k);
            }
        }
        return k;
    }

    private int stepAt(byte[] w, int k) throws ProtocolViolation {
        step(w[k]);
        return k + 1;
    }

    /**
     * Whether a plain {@code PUB } starts at {@code k}: the state machine would take its four
     * bytes one by one to the same end, so they are taken at once.
     */
    private boolean startsWithPub(byte[] w, int k, int n) {
        return authenticated && n - k >= 4 && (w[k] == 'P' || w[k] == 'p') && (w[k + 1] == 'U' || w[k + 1] == 'u')
                && (w[k + 2] == 'B' || w[k + 2] == 'b') && (w[k + 3] == ' ' || w[k + 3] == '\t');
    }

    /** Where {@code PUB } followed by a blank leaves the state machine: skipping blanks before the arguments. */
    private int pubKeyword(int k) {
        op = Op.PUB;
        lineLen = 0;
        drop = false;
        state = State.SKIP_SPACE;
        return k + 4;
    }

    /** Releases a partly read payload; the parser is not used after this. */
    public void release() {
        if (payload != null) {
            payload.release();
            payload = null;
        }
    }

    private void step(byte b) throws ProtocolViolation {
        switch (state) {
            case OP_START -> start(b);
            case OP_P -> {
                switch (b) {
                    case 'U', 'u' -> keyword(Op.PUB, 2);
                    case 'I', 'i' -> keyword(Op.PING, 2);
                    case 'O', 'o' -> keyword(Op.PONG, 2);
                    default -> throw unknownOperation();
                }
            }
            case KEYWORD -> {
                if (upper(b) != op.keyword.charAt(keywordPos)) {
                    throw unknownOperation();
                }
                if (++keywordPos == op.keyword.length()) {
                    state = switch (op) {
                        case PING, PONG, OK -> State.IGNORE_TO_EOL;
                        default -> State.AWAIT_SPACE;
                    };
                }
            }
            case AWAIT_SPACE -> {
                lineLen = 0;
                drop = false;
                if (b == ' ' || b == '\t') {
                    state = State.SKIP_SPACE;
                } else if (op == Op.CONNECT || op == Op.INFO) {
                    state = State.ARG;
                    appendLine(b);
                } else {
                    throw unknownOperation();
                }
            }
            case SKIP_SPACE -> {
                // Like nats-server, the first byte of an argument is taken as it is, even a CR or LF.
                if (b != ' ' && b != '\t') {
                    state = State.ARG;
                    appendLine(b);
                }
            }
            case IGNORE_TO_EOL -> {
                if (b == '\n') {
                    state = State.OP_START;
                    switch (op) {
                        case PING -> ops.ping();
                        case PONG -> ops.pong();
                        default -> {
                        }
                    }
                }
            }
            case MSG_END_R -> {
                if (b != '\r') {
                    throw unknownOperation();
                }
                state = State.MSG_END_N;
            }
            case MSG_END_N -> {
                if (b != '\n') {
                    throw unknownOperation();
                }
                state = State.OP_START;
                publish();
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    private void publish() throws ProtocolViolation {
        ByteBuf gathered = payload;
        payload = null;
        if (gathered == null) {
            message.payload(readBuf, payloadFrom, pubSize);
        } else {
            message.payload(gathered);
        }
        try {
            ops.publish(message);
        } finally {
            message.payload(null, 0, 0);
            if (gathered != null) {
                gathered.release();
            }
        }
    }

    private void start(byte b) throws ProtocolViolation {
        if (!authenticated && b != 'C' && b != 'c') {
            throw new ProtocolViolation("Authorization Violation", "Authorization Violation");
        }
        switch (b) {
            case 'P', 'p' -> state = State.OP_P;
            case 'H', 'h' -> keyword(Op.HPUB, 1);
            case 'S', 's' -> keyword(Op.SUB, 1);
            case 'U', 'u' -> keyword(Op.UNSUB, 1);
            case 'C', 'c' -> keyword(Op.CONNECT, 1);
            case 'I', 'i' -> keyword(Op.INFO, 1);
            case '+' -> keyword(Op.OK, 1);
            case '-' -> keyword(Op.ERR, 1);
            default -> throw unknownOperation();
        }
    }

    private void keyword(Op next, int matched) {
        op = next;
        keywordPos = matched;
        state = State.KEYWORD;
    }

    /** Gathers a control line up to its LF, with nats-server's rule for a CR within it. */
    private int readArg(byte[] w, int k, int n) throws ProtocolViolation {
        for (int j = k; j < n; j++) {
            byte b = w[j];
            if (b == '\n') {
                appendLine(w, k, j - k);
                endOfLine();
                return j + 1;
            }
            if (b == '\r') {
                drop = true;
            }
        }
        appendLine(w, k, n - k);
        return n;
    }

    private void appendLine(byte b) {
        if (lineLen == line.length) {
            line = Arrays.copyOf(line, line.length * 2);
        }
        line[lineLen++] = b;
    }

    private void appendLine(byte[] from, int at, int length) {
        if (lineLen + length > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLen + length));
        }
        System.arraycopy(from, at, line, lineLen, length);
        lineLen += length;
    }

    private void endOfLine() throws ProtocolViolation {
        int len = drop && lineLen > 0 ? lineLen - 1 : lineLen;
        state = State.OP_START;
        switch (op) {
            case PUB -> {
                checkControlLine(len);
                publishArgs(len, false);
            }
            case HPUB -> {
                checkControlLine(len);
                publishArgs(len, true);
            }
            case SUB -> {
                checkControlLine(len);
                subscribeArgs(len);
            }
            case UNSUB -> {
                checkControlLine(len);
                unsubscribeArgs(len);
            }
            case CONNECT -> {
                checkControlLine(len);
                ops.connect(new String(line, 0, len, StandardCharsets.UTF_8));
                authenticated = true;
            }
            case ERR -> ops.clientError(text(0, len));
            case INFO -> ops.info(new String(line, 0, len, StandardCharsets.UTF_8));
            default -> {
            }
        }
    }

    private void checkControlLine(int len) throws ProtocolViolation {
        if (len > maxControlLine) {
            throw maxControlLineExceeded();
        }
    }

    private void publishArgs(int len, boolean headers) throws ProtocolViolation {
        String name = headers ? "processHeaderPub" : "processPub";
        int n = split(len, false);
        int min = headers ? 3 : 2;
        if (n < min || n > min + 1) {
            throw new ProtocolViolation(null, name + " Parse Error: '" + text(0, len) + "'");
        }
        subjects.setSubject(message, line, argStart[0], argEnd[0] - argStart[0]);
        message.reply = n == min + 1 ? arg(1) : null;
        pubSize = parseSize(n - 1);
        message.totalDigits = argEnd[n - 1] - argStart[n - 1];
        if (headers) {
            message.headerSize = parseSize(n - 2);
            message.headerDigits = argEnd[n - 2] - argStart[n - 2];
            if (message.headerSize < 0) {
                throw new ProtocolViolation(null, name + " Bad or Missing Header Size: '" + text(0, len) + "'");
            }
        } else {
            message.headerSize = 0;
            message.headerDigits = 0;
        }
        if (pubSize < 0) {
            throw new ProtocolViolation(null, name + " Bad or Missing Total Size: '" + text(0, len) + "'");
        }
        if (headers && message.headerSize > pubSize) {
            throw new ProtocolViolation(null, name + " Header Size larger then TotalSize: '" + text(0, len) + "'");
        }
        if (pubSize > maxPayload) {
            throw new ProtocolViolation("Maximum Payload Violation",
                    "Maximum Payload Exceeded: " + pubSize + " vs " + maxPayload);
        }
        state = State.MSG_PAYLOAD;
    }

    private void subscribeArgs(int len) throws ProtocolViolation {
        int n = split(len, true);
        switch (n) {
            case 2 -> ops.subscribe(arg(0), null, arg(1));
            case 3 -> ops.subscribe(arg(0), arg(1), arg(2));
            default -> throw new ProtocolViolation(null, "processSub Parse Error: '" + text(0, len) + "'");
        }
    }

    private void unsubscribeArgs(int len) throws ProtocolViolation {
        int n = split(len, true);
        if (n == 1) {
            ops.unsubscribe(arg(0), 0);
        } else if (n == 2) {
            // like nats-server, a maximum that is not a number unsubscribes at once
            ops.unsubscribe(arg(0), Math.max(parseSize(1), 0));
        } else {
            throw new ProtocolViolation(null, "processUnsub Parse Error: '" + text(0, len) + "'");
        }
    }

    /**
     * At the first byte of a payload: takes it in place when it and its CRLF are in this read
     * buffer, else starts gathering it into a buffer of its own. Returns where parsing goes on.
     */
    private int startPayload(int at) {
        if (readEnd - at >= pubSize + 2L) {
            payloadFrom = at;
            state = State.MSG_END_R;
            return at + pubSize;
        }
        payload = allocator.buffer(pubSize, pubSize);
        return copyPayload(at);
    }

    private int copyPayload(int at) {
        int take = Math.min(readEnd - at, pubSize - payload.readableBytes());
        payload.writeBytes(readBuf, at, take);
        if (payload.readableBytes() == pubSize) {
            state = State.MSG_END_R;
        }
        return at + take;
    }

    /**
     * Splits the line as nats-server does: PUB and HPUB on spaces and tabs, SUB and UNSUB on
     * CR and LF as well. Returns the count, or MAX_ARGS + 1 when there are more.
     */
    private int split(int len, boolean crLfSeparate) {
        int n = 0;
        int start = -1;
        for (int i = 0; i <= len; i++) {
            boolean blank = i == len || isBlank(line[i], crLfSeparate);
            if (blank) {
                if (start >= 0) {
                    if (n == MAX_ARGS) {
                        return MAX_ARGS + 1;
                    }
                    argStart[n] = start;
                    argEnd[n] = i;
                    n++;
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
        }
        return n;
    }

    private static boolean isBlank(byte b, boolean crLf) {
        return b == ' ' || b == '\t' || (crLf && (b == '\r' || b == '\n'));
    }

    private String arg(int n) {
        return new String(line, argStart[n], argEnd[n] - argStart[n], StandardCharsets.ISO_8859_1);
    }

    private String text(int from, int len) {
        return new String(line, from, len - from, StandardCharsets.ISO_8859_1);
    }

    /** nats-server's parseSize: decimal digits only, at most nine of them, else -1. */
    private int parseSize(int n) {
        int len = argEnd[n] - argStart[n];
        if (len == 0 || len > 9) {
            return -1;
        }
        int value = 0;
        for (int i = argStart[n]; i < argEnd[n]; i++) {
            byte d = line[i];
            if (d < '0' || d > '9') {
                return -1;
            }
            value = value * 10 + (d - '0');
        }
        return value;
    }

    private static char upper(byte b) {
        return (char) (b >= 'a' && b <= 'z' ? b - 32 : b);
    }

    private ProtocolViolation unknownOperation() {
        return new ProtocolViolation("Unknown Protocol Operation", "Client parser ERROR, state=" + state);
    }

    private ProtocolViolation maxControlLineExceeded() {
        return new ProtocolViolation("maximum control line exceeded",
                "maximum control line exceeded: max_control_line " + maxControlLine);
    }
}
