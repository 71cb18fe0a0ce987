package io.switchboard.transport.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Splits what the core writes to a NATS client into {@link ServerOp}s. The peer is the core
 * itself, so input that does not parse is a bug, not an attack: it ends the link.
 */
final class ServerOpDecoder extends ByteToMessageDecoder {

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int lineEnd = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (lineEnd < 0) {
                return;
            }
            int start = in.readerIndex();
            String line = in.toString(start, lineEnd - start, StandardCharsets.UTF_8).stripTrailing();
            ServerOp op = parse(line, in, lineEnd + 1);
            if (op == null) {
                in.readerIndex(start);
                return;
            }
            out.add(op);
        }
    }

    /** The op of {@code line}, consuming it (and a message's body after {@code bodyStart}); null until the body is all there. */
    private static ServerOp parse(String line, ByteBuf in, int bodyStart) {
        if (line.startsWith("MSG ") || line.startsWith("HMSG ")) {
            return message(line, in, bodyStart);
        }
        in.readerIndex(bodyStart);
        if (line.startsWith("INFO ")) {
            return new ServerOp.Info(line.substring(5).trim());
        }
        if (line.startsWith("-ERR")) {
            String text = line.substring(4).trim();
            return new ServerOp.Err(text.length() >= 2 && text.startsWith("'") ? text.substring(1, text.length() - 1) : text);
        }
        return switch (line) {
            case "PING" -> ServerOp.Control.PING;
            case "PONG" -> ServerOp.Control.PONG;
            case "+OK" -> ServerOp.Control.OK;
            default -> throw new DecoderException("unexpected line from the core: " + line);
        };
    }

    private static ServerOp message(String line, ByteBuf in, int bodyStart) {
        String[] args = line.split(" ");
        boolean withHeaders = args[0].equals("HMSG");
        int fixed = withHeaders ? 5 : 4;
        if (args.length != fixed && args.length != fixed + 1) {
            throw new DecoderException("unexpected message line from the core: " + line);
        }
        String reply = args.length == fixed + 1 ? args[3] : null;
        int total = Integer.parseInt(args[args.length - 1]);
        int headerSize = withHeaders ? Integer.parseInt(args[args.length - 2]) : 0;
        if (in.writerIndex() - bodyStart < total + 2) {
            return null;
        }
        NatsHeaders headers = headerSize == 0 ? NatsHeaders.NONE
                : NatsHeaders.parse(in.toString(bodyStart, headerSize, StandardCharsets.UTF_8));
        byte[] payload = new byte[total - headerSize];
        in.getBytes(bodyStart + headerSize, payload);
        in.readerIndex(bodyStart + total + 2);
        return new ServerOp.Msg(args[1], Integer.parseInt(args[2]), reply, headers, payload);
    }
}
