package io.switchboard.transport.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.switchboard.core.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.function.Consumer;

/**
 * One MQTT session's NATS client connection to the core, over an in-process channel: the same
 * CONNECT, authentication, accounts, permissions, subscriptions and deliveries as any NATS client.
 * Every write is a NATS protocol operation; {@link #sync} learns, with a PING, which of them the
 * core has refused.
 */
final class NatsLink extends SimpleChannelInboundHandler<ServerOp> {

    /** What the link tells the connection that opened it about its CONNECT. */
    interface Admission {
        /** The core accepted the CONNECT. */
        void admitted();

        /** The core refused the CONNECT (or closed before it answered) with {@code error}. */
        void refused(String error);
    }

    /** What the link tells the session it serves. */
    interface Deliveries {
        void message(ServerOp.Msg msg);

        /** Flush what {@link #message} queued: the end of one read batch. */
        void batchEnd();

        /** The link is gone after it was admitted. */
        void linkClosed();
    }

    private static final Deliveries NOBODY = new Deliveries() {
        @Override
        public void message(ServerOp.Msg msg) {
        }

        @Override
        public void batchEnd() {
        }

        @Override
        public void linkClosed() {
        }
    };

    private final Map<String, Object> connect;
    private final Admission admission;
    private volatile Deliveries deliveries = NOBODY;
    private final Queue<Consumer<List<String>>> syncs = new ArrayDeque<>();
    private List<String> errors = new ArrayList<>();
    private Channel channel;
    private boolean admitted;
    private boolean connectSent;

    NatsLink(Map<String, Object> connect, Admission admission) {
        this.connect = new LinkedHashMap<>(connect);
        this.admission = admission;
    }

    /** Where messages go from now on. */
    void deliverTo(Deliveries target) {
        deliveries = target;
    }

    /** The CONNECT fields of an MQTT client with these credentials, as nats-server takes them from MQTT's CONNECT. */
    static Map<String, Object> connectFields(String clientId, String version, String user, String password) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("verbose", false);
        fields.put("pedantic", false);
        fields.put("name", clientId);
        fields.put("lang", "mqtt");
        fields.put("version", version);
        fields.put("protocol", 1);
        fields.put("headers", true);
        fields.put("echo", true);
        if (user != null) {
            fields.put("user", user);
        }
        if (password != null) {
            fields.put("pass", password);
            fields.put("auth_token", password);
            if (looksLikeJwt(password)) {
                fields.put("jwt", password);
            }
        }
        return fields;
    }

    private static boolean looksLikeJwt(String text) {
        return text.startsWith("eyJ") && text.chars().filter(c -> c == '.').count() == 2;
    }

    Channel channel() {
        return channel;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ServerOp op) {
        if (op instanceof ServerOp.Msg msg) {
            deliveries.message(msg);
        } else if (op instanceof ServerOp.Info) {
            if (!connectSent) {
                connectSent = true;
                write("CONNECT " + Json.write(connect) + "\r\nPING\r\n");
                channel.flush();
            }
        } else if (op instanceof ServerOp.Err err) {
            if (admitted) {
                errors.add(err.text());
            } else {
                admitted = true;
                admission.refused(err.text());
                channel.close();
            }
        } else {
            control((ServerOp.Control) op);
        }
    }

    private void control(ServerOp.Control control) {
        switch (control) {
            case PING -> {
                write("PONG\r\n");
                channel.flush();
            }
            case PONG -> {
                if (!admitted) {
                    admitted = true;
                    admission.admitted();
                    return;
                }
                Consumer<List<String>> sync = syncs.poll();
                List<String> seen = errors;
                errors = new ArrayList<>();
                if (sync != null) {
                    sync.accept(seen);
                }
            }
            case OK -> {
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (admitted) {
            deliveries.batchEnd();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (admitted) {
            deliveries.linkClosed();
        } else {
            admitted = true;
            admission.refused("Authorization Violation");
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    void subscribe(String subject, String queue, int sid) {
        onLoop(() -> write("SUB " + subject + (queue == null ? "" : " " + queue) + " " + sid + "\r\n"));
    }

    void unsubscribe(int sid) {
        onLoop(() -> write("UNSUB " + sid + "\r\n"));
    }

    /** Publishes with {@code headers}, which carry what MQTT gives a message (see {@link Properties5}). */
    void publish(String subject, String reply, NatsHeaders headers, byte[] payload) {
        onLoop(() -> {
            byte[] header = headers.encode();
            String line = "HPUB " + subject + (reply == null ? "" : " " + reply) + " " + header.length + " "
                    + (header.length + payload.length) + "\r\n";
            ByteBuf buf = channel.alloc().buffer(line.length() + header.length + payload.length + 2);
            buf.writeCharSequence(line, StandardCharsets.UTF_8);
            buf.writeBytes(header).writeBytes(payload).writeByte('\r').writeByte('\n');
            channel.write(buf, channel.voidPromise());
        });
    }

    /**
     * Once the core has handled everything written so far, {@code then} gets, on the link's loop,
     * the errors it answered with meanwhile ({@code Permissions Violation for ...}).
     */
    void sync(Consumer<List<String>> then) {
        onLoop(() -> {
            syncs.add(then);
            write("PING\r\n");
            channel.flush();
        });
    }

    /** Closes the link once the core has handled what was written to it. */
    void closeAfterWrites() {
        sync(errors -> channel.close());
    }

    void flush() {
        onLoop(channel::flush);
    }

    void close() {
        channel.close();
    }

    /** Operations run on the link's own loop, in the order they were asked for from any one thread. */
    private void onLoop(Runnable operation) {
        if (channel.eventLoop().inEventLoop()) {
            operation.run();
        } else {
            channel.eventLoop().execute(operation);
        }
    }

    private void write(String protocol) {
        channel.write(channel.alloc().buffer(protocol.length()).writeBytes(protocol.getBytes(StandardCharsets.UTF_8)),
                channel.voidPromise());
    }
}
