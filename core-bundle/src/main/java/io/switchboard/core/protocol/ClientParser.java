package io.switchboard.core.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.switchboard.core.routing.Message;
import io.switchboard.core.spi.protocol.Sizes;
import io.switchboard.core.spi.transport.CloseReason;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The client protocol parser: a byte-at-a-time state machine in the manner of nats-server's,
 * so that a stream cut at any byte parses the same and a bad byte is answered where
 * nats-server answers it. The state machine reads from a small heap window copied out of the
 * read buffer, not from the buffer byte by byte; control lines are gathered into a scratch
 * array. A payload that is whole in the read buffer, with its CRLF, is handed on in place, as
 * a region of the read buffer: no slice, no reference count traffic. Subjects seen recently are
 * reused as the same String. Tracing, when it is on, is told each operation as it completes;
 * when it is off, no trace text is made.
 */
public final class ClientParser {

    private enum State {
        OP_START, OP_P, KEYWORD, AWAIT_SPACE, SKIP_SPACE, ARG, IGNORE_TO_EOL,
        MSG_PAYLOAD, MSG_END_R, MSG_END_N
    }

    /**
     * The operations, each with the numbers nats-server's parser gives its states while it
     * reads the keyword (after one letter, two...): they appear in its error log.
     */
    private enum Op {
        PUB("PUB", 33, 29, 30, 31), HPUB("HPUB", 23, 18, 19, 20, 21), SUB("SUB", 47, 43, 44, 45),
        UNSUB("UNSUB", 65, 59, 60, 61, 62, 63), CONNECT("CONNECT", 17, 10, 11, 12, 13, 14, 15, 16),
        PING("PING", 0, 29, 34, 35, 36), PONG("PONG", 0, 29, 37, 38, 39), INFO("INFO", 75, 71, 72, 73, 74),
        OK("+OK", 0, 1, 2, 3), ERR("-ERR", 9, 4, 5, 6, 7);

        final String keyword;
        /** nats-server's state while it gathers this operation's argument. */
        final int natsArgState;
        private final int[] natsStates;

        Op(String keyword, int natsArgState, int... natsStates) {
            this.keyword = keyword;
            this.natsArgState = natsArgState;
            this.natsStates = natsStates;
        }

        int natsState(int matched) {
            return natsStates[matched - 1];
        }
    }

    private static final int NATS_OP_START = 0;
    private static final int NATS_MSG_END_R = 41;
    private static final int NATS_MSG_END_N = 42;
    private static final int PROTO_SNIPPET = 32;
    private static final int CONTROL_LINE_SNIPPET = 128;

    private static final int MAX_ARGS = 4;
    /** Bytes copied out of the read buffer at a time; a large payload is skipped, not copied. */
    private static final int WINDOW = 1024;

    private final ClientOps ops;
    private final ByteBufAllocator allocator;
    private int maxControlLine;
    private int maxPayload;
    private boolean authenticated = true;
    private boolean paused;
    private boolean headers;
    private ProtocolTrace trace;

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
    private ByteBuf reading;
    private int readEnd;
    /** The byte the state machine is at, for the error log. */
    private int position;
    /** Bytes of the current control line that came in earlier reads. */
    private int carriedOver;

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

    /**
     * Stops parsing after the current operation: {@link #parse} returns with the rest of its
     * buffer unread, for a CONNECT whose authentication is still being decided.
     */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    /** Whether the client said in CONNECT that it sends headers; without, HPUB is refused. */
    public void headers(boolean supported) {
        this.headers = supported;
    }

    /** Traces every operation read from now on to {@code trace}; null turns tracing off. */
    public void trace(ProtocolTrace trace) {
        this.trace = trace;
    }

    /**
     * Parses everything readable in {@code buf}; the buffer's reader index is left at its end,
     * or after the operation that paused the parser.
     */
    public void parse(ByteBuf buf) throws ProtocolViolation {
        int i = buf.readerIndex();
        int end = buf.writerIndex();
        reading = buf;
        readEnd = end;
        carriedOver = state == State.ARG ? lineLen : 0;
        try {
            while (i < end && !paused) {
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
            buf.readerIndex(paused ? i : end);
            reading = null;
        }
    }

    /**
     * Runs the state machine over the window, which holds {@code n} bytes of the read buffer
     * from {@code base} on. Returns how far it got: past the window when it skipped a payload,
     * short of its end when an operation paused the parser.
     */
    private int scan(int base, int n) throws ProtocolViolation {
        byte[] w = window;
        int k = 0;
        while (k < n && !paused) {
            switch (state) {
                case ARG -> k = readArg(w, k, n);
                case MSG_PAYLOAD -> {
                    k = startPayload(base + k) - base;
                    if (payload != null) {
                        return k;
                    }
                }
                case OP_START -> k = startsWithPub(w, k, n) ? pubKeyword(k) : stepAt(w, base, k);
                default -> k = stepAt(w, base, k);
            }
        }
        return k;
    }

    private int stepAt(byte[] w, int base, int k) throws ProtocolViolation {
        position = base + k;
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
                    if (op == Op.PING || op == Op.PONG) {
                        traceOperation(null);
                        if (op == Op.PING) {
                            ops.ping();
                        } else {
                            ops.pong();
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
            message.payload(reading, payloadFrom, pubSize);
        } else {
            message.payload(gathered);
        }
        if (trace != null) {
            trace.payload(message.data(), message.offset(), pubSize);
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
            throw new ProtocolViolation("Authorization Violation", "authentication error",
                    CloseReason.AUTHENTICATION_VIOLATION);
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
        if (op != Op.ERR && op != Op.INFO) {
            checkControlLine(len);
        }
        switch (op) {
            case PUB -> {
                traceLine(len);
                publishArgs(len, false);
            }
            case HPUB -> {
                traceLine(len);
                publishArgs(len, true);
            }
            case SUB -> {
                traceLine(len);
                subscribeArgs(len);
            }
            case UNSUB -> {
                traceLine(len);
                unsubscribeArgs(len);
            }
            case CONNECT -> {
                String json = new String(line, 0, len, StandardCharsets.UTF_8);
                traceOperation(json);
                ops.connect(json);
                authenticated = true;
            }
            case ERR -> ops.clientError(text(0, len));
            case INFO -> ops.info(new String(line, 0, len, StandardCharsets.UTF_8));
            default -> {
            }
        }
    }

    private void traceOperation(String arg) {
        if (trace != null) {
            trace.operation(op.keyword, arg);
        }
    }

    /** Traces the operation with its line as read; the text is made only while tracing is on. */
    private void traceLine(int len) {
        if (trace != null) {
            trace.operation(op.keyword, text(0, len));
        }
    }

    private void checkControlLine(int len) throws ProtocolViolation {
        if (len > maxControlLine) {
            throw maxControlLineExceeded();
        }
    }

    private void publishArgs(int len, boolean headers) throws ProtocolViolation {
        if (headers && !this.headers) {
            throw new ProtocolViolation(null, "message headers not supported");
        }
        String name = headers ? "processHeaderPub" : "processPub";
        int n = split(len, false);
        int min = headers ? 3 : 2;
        if (n < min || n > min + 1) {
            throw new ProtocolViolation(null, name + " Parse Error: " + quotedLine(len));
        }
        subjects.setSubject(message, line, argStart[0], argEnd[0] - argStart[0]);
        message.reply = n == min + 1 ? arg(1) : null;
        pubSize = parseSize(n - 1);
        message.totalDigits = argEnd[n - 1] - argStart[n - 1];
        if (headers) {
            message.headerSize = parseSize(n - 2);
            message.headerDigits = argEnd[n - 2] - argStart[n - 2];
            if (message.headerSize < 0) {
                throw new ProtocolViolation(null, name + " Bad or Missing Header Size: " + quotedLine(len));
            }
        } else {
            message.headerSize = 0;
            message.headerDigits = 0;
        }
        if (pubSize < 0) {
            String what = headers ? " Bad or Missing Total Size: " : " Bad or Missing Size: ";
            throw new ProtocolViolation(null, name + what + quotedLine(len));
        }
        if (headers && message.headerSize > pubSize) {
            throw new ProtocolViolation(null, name + " Header Size larger then TotalSize: " + quotedLine(len));
        }
        if (pubSize > maxPayload) {
            throw new ProtocolViolation("Maximum Payload Violation",
                    "maximum payload exceeded: " + pubSize + " vs " + maxPayload, CloseReason.MAX_PAYLOAD_EXCEEDED);
        }
        ops.publishing(message);
        state = State.MSG_PAYLOAD;
    }

    private void subscribeArgs(int len) throws ProtocolViolation {
        int n = split(len, true);
        switch (n) {
            case 2 -> ops.subscribe(arg(0), null, arg(1));
            case 3 -> ops.subscribe(arg(0), arg(1), arg(2));
            default -> throw new ProtocolViolation(null, "processSub Parse Error: " + quotedLine(len));
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
            throw new ProtocolViolation(null, "processUnsub Parse Error: " + quotedLine(len));
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
        // Sized by what has come, not by what the client declared: a client that stops after
        // the line must not hold max_payload bytes of memory per connection.
        payload = allocator.buffer(Math.min(pubSize, readEnd - at), pubSize);
        return copyPayload(at);
    }

    private int copyPayload(int at) {
        int take = Math.min(readEnd - at, pubSize - payload.readableBytes());
        payload.writeBytes(reading, at, take);
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

    private String quotedLine(int len) {
        return GoQuoting.quote(Unpooled.wrappedBuffer(line, 0, len), 0, len);
    }

    private int parseSize(int n) {
        return Sizes.parse(line, argStart[n], argEnd[n]);
    }

    private static char upper(byte b) {
        return (char) (b >= 'a' && b <= 'z' ? b - 32 : b);
    }

    /** nats-server's answer to a byte that fits no operation, with its log line, snippet and all. */
    private ProtocolViolation unknownOperation() {
        int at = position - reading.readerIndex();
        // nats-server's snippet stops one byte short of the end of the read
        int stop = Math.min(position + PROTO_SNIPPET, reading.writerIndex() - 1);
        String snippet = GoQuoting.quote(reading, position, Math.max(stop - position, 0));
        return new ProtocolViolation("Unknown Protocol Operation",
                "Client parser ERROR, state=" + natsState() + ", i=" + at + ": proto='" + snippet + "...'");
    }

    private int natsState() {
        return switch (state) {
            case OP_P -> Op.PUB.natsState(1);
            case KEYWORD -> op.natsState(keywordPos);
            case AWAIT_SPACE, IGNORE_TO_EOL -> op.natsState(op.keyword.length());
            case MSG_END_R -> NATS_MSG_END_R;
            case MSG_END_N -> NATS_MSG_END_N;
            default -> NATS_OP_START;
        };
    }

    private ProtocolViolation maxControlLineExceeded() {
        // nats-server's snippet stops one byte short, like its parser error snippet
        int snippet = Math.min(CONTROL_LINE_SNIPPET, lineLen - 1);
        return new ProtocolViolation("maximum control line exceeded",
                "maximum control line exceeded: State " + op.natsArgState + ", max_control_line " + maxControlLine
                        + ", Buffer len " + carriedOver + " (snip: "
                        + GoQuoting.quote(Unpooled.wrappedBuffer(line, 0, lineLen), 0, snippet) + "...)",
                CloseReason.MAX_CONTROL_LINE_EXCEEDED);
    }
}
