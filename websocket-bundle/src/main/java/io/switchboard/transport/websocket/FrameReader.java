package io.switchboard.transport.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;

/**
 * Reads a client's frames and hands their payload on as the byte stream the NATS protocol
 * reads, while frames arrive: a frame's payload is never gathered whole, and a compressed
 * message is inflated as it comes. Text and binary messages carry the same bytes, as in
 * nats-server. Pings are answered, a close is echoed, and a frame that breaks RFC 6455 gets a
 * close with status 1002 and nats-server's words for what was wrong.
 */
final class FrameReader extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(FrameReader.class);
    private static final int MAX_CONTROL_PAYLOAD = 125;

    private final FrameWriter writer;
    private final boolean maskRequired;
    private MessageInflater inflater;

    private final byte[] header = new byte[14];
    private int headerRead;
    private int headerSize = 2;
    private int opcode;
    private boolean fin;
    private boolean masked;
    private final byte[] maskKey = new byte[4];
    private int maskIndex;
    private long remaining;
    private boolean inPayload;

    private boolean messageOpen;
    private boolean messageCompressed;
    private final byte[] control = new byte[MAX_CONTROL_PAYLOAD];
    private int controlRead;
    private boolean done;

    FrameReader(FrameWriter writer, boolean maskRequired) {
        this.writer = writer;
        this.maskRequired = maskRequired;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            while (in.isReadable() && !done) {
                if (!inPayload && !readHeader(ctx, in)) {
                    return;
                }
                if (remaining > 0) {
                    readPayload(ctx, in);
                }
                if (inPayload && remaining == 0) {
                    endFrame(ctx);
                }
            }
        } catch (DataFormatException e) {
            fail(ctx, "flate: " + e.getMessage());
        } finally {
            in.release();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (inflater != null) {
            inflater.release();
        }
    }

    /** Reads header bytes; true once the whole header of the next frame is in and it is valid. */
    private boolean readHeader(ChannelHandlerContext ctx, ByteBuf in) {
        while (headerRead < headerSize && in.isReadable()) {
            header[headerRead++] = in.readByte();
            if (headerRead == 2) {
                String problem = checkFirstBytes();
                if (problem != null) {
                    protocolError(ctx, problem);
                    return false;
                }
            }
        }
        if (headerRead < headerSize) {
            return false;
        }
        int lengthCode = header[1] & 0x7F;
        int at = 2;
        if (lengthCode == 126) {
            remaining = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
            at = 4;
        } else if (lengthCode == 127) {
            remaining = ByteBuffer.wrap(header, 2, 8).getLong();
            at = 10;
            if (remaining < 0) {
                protocolError(ctx, "invalid payload length");
                return false;
            }
        } else {
            remaining = lengthCode;
        }
        if (masked) {
            System.arraycopy(header, at, maskKey, 0, 4);
        }
        maskIndex = 0;
        controlRead = 0;
        inPayload = true;
        return true;
    }

    /** Checks what the first two bytes say, in nats-server's order; null when the frame may follow. */
    private String checkFirstBytes() {
        int b0 = header[0] & 0xFF;
        int b1 = header[1] & 0xFF;
        opcode = b0 & 0x0F;
        fin = (b0 & Opcodes.FIN) != 0;
        boolean rsv1 = (b0 & Opcodes.RSV1) != 0;
        masked = (b1 & Opcodes.MASK) != 0;
        if (maskRequired && !masked) {
            return "mask bit missing";
        }
        int lengthCode = b1 & 0x7F;
        switch (opcode) {
            case Opcodes.PING, Opcodes.PONG, Opcodes.CLOSE -> {
                if (lengthCode > MAX_CONTROL_PAYLOAD) {
                    return "control frame length bigger than maximum allowed of " + MAX_CONTROL_PAYLOAD + " bytes";
                }
                if (!fin) {
                    return "control frame does not have final bit set";
                }
            }
            case Opcodes.TEXT, Opcodes.BINARY -> {
                if (messageOpen) {
                    return "new message started before final frame for previous message was received";
                }
                messageOpen = !fin;
                messageCompressed = rsv1;
                if (rsv1) {
                    inflater().startMessage();
                }
            }
            case Opcodes.CONTINUATION -> {
                if (!messageOpen || rsv1) {
                    return "invalid continuation frame";
                }
                messageOpen = !fin;
            }
            default -> {
                return "unknown opcode " + opcode;
            }
        }
        headerSize = 2 + (lengthCode == 126 ? 2 : lengthCode == 127 ? 8 : 0) + (masked ? 4 : 0);
        return null;
    }

    private void readPayload(ChannelHandlerContext ctx, ByteBuf in) throws DataFormatException {
        int n = (int) Math.min(remaining, in.readableBytes());
        remaining -= n;
        if (Opcodes.isControl(opcode)) {
            in.readBytes(control, controlRead, n);
            if (masked) {
                for (int i = controlRead; i < controlRead + n; i++) {
                    control[i] ^= maskKey[maskIndex];
                    maskIndex = (maskIndex + 1) & 3;
                }
            }
            controlRead += n;
            return;
        }
        ByteBuf part = in.readRetainedSlice(n);
        if (masked) {
            unmask(part);
        }
        if (messageCompressed) {
            try {
                inflater.inflate(part, ctx.alloc(), ctx::fireChannelRead);
            } finally {
                part.release();
            }
        } else {
            ctx.fireChannelRead(part);
        }
    }

    private void endFrame(ChannelHandlerContext ctx) throws DataFormatException {
        inPayload = false;
        headerRead = 0;
        headerSize = 2;
        if (Opcodes.isControl(opcode)) {
            handleControl(ctx);
        } else if (fin && messageCompressed) {
            messageCompressed = false;
            inflater.finishMessage(ctx.alloc(), ctx::fireChannelRead);
        }
    }

    private void handleControl(ChannelHandlerContext ctx) {
        byte[] payload = Arrays.copyOf(control, controlRead);
        switch (opcode) {
            case Opcodes.PING -> writer.pong(payload);
            case Opcodes.CLOSE -> {
                done = true;
                echoClose(payload);
            }
            default -> {
                // a pong needs no answer
            }
        }
    }

    /** Answers a client's close with its own status, as nats-server does. */
    private void echoClose(byte[] payload) {
        if (payload.length < 2) {
            writer.closeWith(CloseStatus.NO_STATUS_RECEIVED, "");
            return;
        }
        int status = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload, 2, payload.length - 2)).toString();
            writer.closeWith(status, text);
        } catch (CharacterCodingException e) {
            writer.closeWith(CloseStatus.INVALID_PAYLOAD_DATA, "invalid utf8 body in close frame");
        }
    }

    private void unmask(ByteBuf part) {
        int i = part.readerIndex();
        int end = part.writerIndex();
        while (i < end && maskIndex != 0) {
            part.setByte(i, part.getByte(i) ^ maskKey[maskIndex]);
            maskIndex = (maskIndex + 1) & 3;
            i++;
        }
        int key = ((maskKey[0] & 0xFF) << 24) | ((maskKey[1] & 0xFF) << 16)
                | ((maskKey[2] & 0xFF) << 8) | (maskKey[3] & 0xFF);
        for (; i + 4 <= end; i += 4) {
            part.setInt(i, part.getInt(i) ^ key);
        }
        for (; i < end; i++) {
            part.setByte(i, part.getByte(i) ^ maskKey[maskIndex]);
            maskIndex = (maskIndex + 1) & 3;
        }
    }

    private MessageInflater inflater() {
        if (inflater == null) {
            inflater = new MessageInflater();
        }
        return inflater;
    }

    private void protocolError(ChannelHandlerContext ctx, String problem) {
        done = true;
        LOG.error("{} - read error: {}", Remote.of(ctx.channel()), problem);
        writer.closeWith(CloseStatus.PROTOCOL_ERROR, problem);
    }

    /** A read nats-server cannot go on from closes the connection without a close frame. */
    private void fail(ChannelHandlerContext ctx, String problem) {
        done = true;
        LOG.error("{} - read error: {}", Remote.of(ctx.channel()), problem);
        ctx.close();
    }
}
