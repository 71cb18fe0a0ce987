package io.switchboard.transport.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckPayload;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.switchboard.core.spi.transport.ReadTurns;
import io.switchboard.transport.mqtt.TopicMapping.TopicException;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One MQTT client connection: the CONNECT, its authentication through a NATS link, then the
 * packets of its session. Runs on the connection's event loop.
 */
final class MqttConnection extends ChannelInboundHandlerAdapter implements ClientPort, NatsLink.Admission {

    private enum State { AWAITING_CONNECT, AUTHENTICATING, CONNECTED, CLOSED }

    private static final int MAX_PACKET_ID = 65535;

    private final SessionContext context;
    private final NatsBridge bridge;
    private final long mid;
    private final ConnectionLimits limits;
    private final List<MqttMessage> early = new ArrayList<>();
    private Channel channel;
    private ReadTurns turns;
    private String name;
    private State state = State.AWAITING_CONNECT;
    private boolean mqtt5;
    private int clientReceiveMaximum = MAX_PACKET_ID;
    private String clientId;
    private String username;
    private boolean cleanStart;
    private long sessionExpiry;
    private boolean assignedId;
    private int keepAlive;
    private AppMessage will;
    private long willDelay;
    private long clientMaximumPacketSize;
    private final Map<Integer, String> topicAliases = new HashMap<>();
    private String willSubject;
    private NatsLink authLink;
    private Session session;
    private boolean closedByClient;
    private ScheduledFuture<?> connectTimer;

    MqttConnection(SessionContext context, NatsBridge bridge, long mid, ConnectionLimits limits) {
        this.context = context;
        this.bridge = bridge;
        this.mid = mid;
        this.limits = limits;
    }

    /** A channel handed over already open (MQTT over WebSocket) starts here, a TCP connection in {@link #channelActive}. */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (channel == null) {
            start(ctx);
        }
        ctx.fireChannelActive();
    }

    private void start(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        turns = new ReadTurns(channel);
        name = remote() + " - mid:" + mid;
        context.log().debug(name, "Client connection created");
        connectTimer = ctx.executor().schedule(() -> {
            if (state == State.AWAITING_CONNECT) {
                refuse("no CONNECT in time", ReasonCodes.UNSPECIFIED_ERROR);
            }
        }, limits.connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    private String remote() {
        return channel.remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() + ":" + a.getPort() : String.valueOf(channel.remoteAddress());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        MqttMessage packet = (MqttMessage) msg;
        boolean keep = false;
        try {
            if (state == State.CLOSED) {
                return;
            }
            if (packet.decoderResult().isFailure()) {
                badPacket(packet.decoderResult().cause());
                return;
            }
            turns.read(packet.fixedHeader().remainingLength() + 2);
            MqttMessageType type = packet.fixedHeader().messageType();
            if (type == MqttMessageType.CONNECT) {
                if (state != State.AWAITING_CONNECT) {
                    protocolError("a second CONNECT");
                } else {
                    connect((MqttConnectMessage) packet);
                }
            } else if (state == State.AWAITING_CONNECT) {
                protocolError("first packet is not a CONNECT but " + type);
            } else if (state == State.AUTHENTICATING) {
                early.add(packet);
                keep = true;
            } else {
                handle(packet);
            }
        } finally {
            if (!keep) {
                ReferenceCountUtil.release(packet);
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (session != null) {
            session.readBatchEnd();
        }
        ctx.flush();
        if (turns != null) {
            turns.endBatch();
        }
        ctx.fireChannelReadComplete();
    }

    private void connect(MqttConnectMessage connect) {
        connectTimer.cancel(false);
        var header = connect.variableHeader();
        var payload = connect.payload();
        mqtt5 = header.version() == 5;
        if (header.version() != 4 && header.version() != 5) {
            context.stats().unsupportedProtocolLevel();
            refuse("unsupported protocol level " + header.version(), ReasonCodes.UNSUPPORTED_PROTOCOL_VERSION);
            return;
        }
        clientId = payload.clientIdentifier() == null ? "" : payload.clientIdentifier();
        cleanStart = header.isCleanSession();
        sessionExpiry = mqtt5 ? Properties5.sessionExpiry(header.properties()) : (cleanStart ? 0 : Properties5.NEVER);
        if (clientId.isEmpty()) {
            if (!cleanStart && !mqtt5) {
                refuse("client id is empty and clean session is not set", ReasonCodes.CLIENT_IDENTIFIER_NOT_VALID);
                return;
            }
            clientId = UUID.randomUUID().toString().replace("-", "");
            assignedId = true;
        }
        name = remote() + " - mid:" + mid + " - \"" + clientId + "\"";
        if (mqtt5) {
            clientReceiveMaximum = Properties5.receiveMaximum(header.properties());
            clientMaximumPacketSize = Properties5.maximumPacketSize(header.properties());
        }
        if (header.isWillFlag()) {
            try {
                willSubject = TopicMapping.publishSubject(payload.willTopic());
            } catch (TopicException e) {
                refuse("invalid will topic: " + e.getMessage(), ReasonCodes.TOPIC_NAME_INVALID);
                return;
            }
            MqttProperties willProps = payload.willProperties();
            will = new AppMessage(payload.willTopic(), payload.willMessageInBytes(), header.willQos(),
                    header.isWillRetain(), Properties5.toHeaders(willProps, System.currentTimeMillis()),
                    Properties5.responseTopic(willProps));
            willDelay = Properties5.willDelay(willProps);
        }
        if (!header.hasUserName() && header.hasPassword() && !mqtt5) {
            refuse("password given without a user name", ReasonCodes.BAD_USER_NAME_OR_PASSWORD);
            return;
        }
        username = header.hasUserName() ? payload.userName() : null;
        String password = header.hasPassword() ? new String(payload.passwordInBytes(), StandardCharsets.UTF_8) : null;
        keepAlive = header.keepAliveTimeSeconds();
        state = State.AUTHENTICATING;
        authLink = new NatsLink(NatsLink.connectFields(clientId, mqtt5 ? "5" : "3.1.1", username, password), this);
        bridge.open(channel.eventLoop(), authLink).addListener(opened -> {
            if (!opened.isSuccess()) {
                refused("the NATS side is not there");
            }
        });
    }

    @Override
    public void admitted() {
        channel.eventLoop().execute(() -> {
            if (state != State.AUTHENTICATING) {
                authLink.close();
                return;
            }
            String account = bridge.account(authLink.channel()).orElse("$G");
            SessionKey key = new SessionKey(account, clientId);
            Sessions.Admitted admitted;
            state = State.CONNECTED;
            if (keepAlive > 0) {
                channel.pipeline().addBefore("mqtt", "keep-alive",
                        new IdleStateHandler(keepAlive * 3L / 2 + (keepAlive % 2 == 1 ? 1 : 0), 0, 0, TimeUnit.SECONDS));
            }
            admitted = context.sessions().admit(key, username == null ? "" : username, cleanStart, authLink, context,
                    this, sessionExpiry);
            session = admitted.session();
            MqttProperties props = mqtt5 ? Properties5.connack(assignedId ? clientId : null, limits.maxPayload(),
                    context.settings().maxAckPending()) : MqttProperties.NO_PROPERTIES;
            channel.writeAndFlush(new MqttConnAckMessage(fixed(MqttMessageType.CONNACK, MqttQoS.AT_MOST_ONCE),
                    new MqttConnAckVariableHeader(MqttConnectReturnCode.CONNECTION_ACCEPTED, admitted.present(), props)));
            context.log().debug(name, "Client connection created");
            List<MqttMessage> waiting = List.copyOf(early);
            early.clear();
            for (MqttMessage packet : waiting) {
                try {
                    if (state == State.CONNECTED) {
                        handle(packet);
                    }
                } finally {
                    ReferenceCountUtil.release(packet);
                }
            }
            session.readBatchEnd();
            channel.flush();
        });
    }

    @Override
    public void refused(String error) {
        channel.eventLoop().execute(() -> {
            if (state == State.AUTHENTICATING) {
                int code = error.contains("Authorization Violation") ? ReasonCodes.NOT_AUTHORIZED
                        : error.contains("maximum connections") ? ReasonCodes.SERVER_UNAVAILABLE
                        : ReasonCodes.UNSPECIFIED_ERROR;
                refuse("authentication error", code);
            }
        });
    }

    /** CONNACK with a refusal, counted and logged, and the connection closed [MQTT-3.2.2-5]. */
    private void refuse(String why, int reasonCode) {
        context.stats().refusedConnect();
        context.log().error(name, "Unable to connect: " + why);
        int code = mqtt5 ? reasonCode : ReasonCodes.connackV3(reasonCode);
        state = State.CLOSED;
        channel.writeAndFlush(new MqttConnAckMessage(fixed(MqttMessageType.CONNACK, MqttQoS.AT_MOST_ONCE),
                        new MqttConnAckVariableHeader(MqttConnectReturnCode.valueOf((byte) code), false)))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void handle(MqttMessage packet) {
        switch (packet.fixedHeader().messageType()) {
            case PUBLISH -> publish((MqttPublishMessage) packet);
            case PUBACK, PUBCOMP -> session.acknowledged(packetId(packet));
            case PUBREC -> session.received(packetId(packet), reasonCode(packet));
            case PUBREL -> session.released(packetId(packet));
            case SUBSCRIBE -> subscribe((MqttSubscribeMessage) packet);
            case UNSUBSCRIBE -> {
                MqttUnsubscribeMessage unsubscribe = (MqttUnsubscribeMessage) packet;
                session.unsubscribe(unsubscribe.idAndPropertiesVariableHeader().messageId(), unsubscribe.payload().topics());
            }
            case PINGREQ -> channel.write(new MqttMessage(fixed(MqttMessageType.PINGRESP, MqttQoS.AT_MOST_ONCE)));
            case DISCONNECT -> {
                int reason = reasonCode(packet);
                if (reason != ReasonCodes.DISCONNECT_WITH_WILL) {
                    will = null;
                }
                closedByClient = true;
                state = State.CLOSED;
                channel.close();
            }
            default -> protocolError("unexpected " + packet.fixedHeader().messageType() + " packet");
        }
    }

    private void publish(MqttPublishMessage publish) {
        int qos = publish.fixedHeader().qosLevel().value();
        if (qos > 2) {
            protocolError("PUBLISH with QoS 3");
            return;
        }
        MqttProperties props = publish.variableHeader().properties();
        String topic = topic(publish.variableHeader().topicName(), Properties5.topicAlias(props));
        if (topic == null) {
            return;
        }
        byte[] bytes = ByteBufUtil.getBytes(publish.payload());
        NatsHeaders headers = Properties5.toHeaders(props, System.currentTimeMillis());
        if (bytes.length + headers.encode().length + 64 > limits.maxPayload()) {
            context.stats().packetTooLarge();
            disconnect(ReasonCodes.PACKET_TOO_LARGE, "message payload of " + bytes.length + " bytes exceeds max_payload");
            return;
        }
        AppMessage message = new AppMessage(topic, bytes, qos, publish.fixedHeader().isRetain(), headers,
                Properties5.responseTopic(props));
        try {
            if (!session.publish(message, publish.variableHeader().packetId())) {
                context.stats().receiveMaximumExceeded();
                disconnect(ReasonCodes.RECEIVE_MAXIMUM_EXCEEDED, "more than " + context.settings().maxAckPending()
                        + " QoS 1 and 2 messages unacknowledged");
            }
        } catch (TopicException e) {
            disconnect(ReasonCodes.TOPIC_NAME_INVALID, e.getMessage());
        }
    }

    /**
     * The topic of a PUBLISH, through MQTT 5's topic aliases: an alias with a topic sets it, an
     * alias alone stands for the topic it was set to. Null when the alias is wrong, after the
     * client was told.
     */
    private String topic(String topic, int alias) {
        if (alias == 0) {
            return topic;
        }
        if (alias > Properties5.TOPIC_ALIAS_MAXIMUM) {
            disconnect(ReasonCodes.TOPIC_ALIAS_INVALID, "topic alias " + alias + " beyond the maximum of "
                    + Properties5.TOPIC_ALIAS_MAXIMUM);
            return null;
        }
        if (!topic.isEmpty()) {
            topicAliases.put(alias, topic);
            return topic;
        }
        String aliased = topicAliases.get(alias);
        if (aliased == null) {
            protocolError("topic alias " + alias + " was never set");
        }
        return aliased;
    }

    private void subscribe(MqttSubscribeMessage subscribe) {
        List<Subscription> wanted = new ArrayList<>();
        int identifier = Properties5.subscriptionIdentifier(subscribe.idAndPropertiesVariableHeader().properties());
        for (MqttTopicSubscription topic : subscribe.payload().topicSubscriptions()) {
            try {
                wanted.add(SharedFilter.subscription(topic.topicName(), Math.min(topic.qualityOfService().value(), 2),
                        topic.option(), identifier));
            } catch (TopicException e) {
                disconnect(ReasonCodes.TOPIC_FILTER_INVALID, e.getMessage());
                return;
            }
        }
        session.subscribe(subscribe.idAndPropertiesVariableHeader().messageId(), wanted);
    }

    private static int packetId(MqttMessage packet) {
        return ((MqttMessageIdVariableHeader) packet.variableHeader()).messageId();
    }

    private static int reasonCode(MqttMessage packet) {
        Object header = packet.variableHeader();
        if (header instanceof MqttPubReplyMessageVariableHeader reply) {
            return reply.reasonCode() & 0xFF;
        }
        if (header instanceof MqttReasonCodeAndPropertiesVariableHeader reason) {
            return reason.reasonCode() & 0xFF;
        }
        return ReasonCodes.SUCCESS;
    }

    private void badPacket(Throwable cause) {
        if (cause instanceof MqttUnacceptableProtocolVersionException) {
            context.stats().unsupportedProtocolLevel();
            refuse("unsupported protocol version", ReasonCodes.UNSUPPORTED_PROTOCOL_VERSION);
            return;
        }
        if (cause instanceof MqttIdentifierRejectedException) {
            refuse("client id rejected", ReasonCodes.CLIENT_IDENTIFIER_NOT_VALID);
            return;
        }
        boolean tooLarge = cause instanceof TooLongFrameException || String.valueOf(cause.getMessage()).contains("too large");
        if (tooLarge) {
            context.stats().packetTooLarge();
        } else {
            context.stats().malformedPacket();
        }
        int code = tooLarge ? ReasonCodes.PACKET_TOO_LARGE : ReasonCodes.MALFORMED_PACKET;
        if (state == State.AWAITING_CONNECT) {
            refuse("malformed CONNECT: " + cause.getMessage(), code);
        } else {
            disconnect(code, (tooLarge ? "packet too large: " : "malformed packet: ") + cause.getMessage());
        }
    }

    private void protocolError(String what) {
        context.stats().malformedPacket();
        disconnect(ReasonCodes.PROTOCOL_ERROR, "protocol error: " + what);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            context.stats().keepAliveTimeout();
            disconnect(ReasonCodes.KEEP_ALIVE_TIMEOUT, "keep alive timeout");
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        context.log().debug(name, "read error: " + cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        state = State.CLOSED;
        connectTimer.cancel(false);
        early.forEach(ReferenceCountUtil::release);
        early.clear();
        if (session != null) {
            if (!closedByClient && will != null) {
                if (willDelay > 0 && sessionExpiry > 0) {
                    session.publishWillLater(will, Math.min(willDelay, sessionExpiry));
                } else {
                    session.publishWill(will);
                }
            }
            session.detach(this);
        } else if (authLink != null && authLink.channel() != null) {
            authLink.close();
        }
        context.log().debug(name, "Client connection closed");
        ctx.fireChannelInactive();
    }

    @Override
    public boolean publish(AppMessage message, int packetId, boolean dup, int subscriptionId) {
        if (message.qos() == 0 && pendingBytes() > limits.maxPending()) {
            context.stats().slowConsumer();
            disconnect(ReasonCodes.QUOTA_EXCEEDED, "Slow Consumer Detected: MaxPending of " + limits.maxPending() + " Exceeded");
            return false;
        }
        MqttProperties props = mqtt5 ? Properties5.forDelivery(message, subscriptionId, System.currentTimeMillis())
                : MqttProperties.NO_PROPERTIES;
        if (clientMaximumPacketSize > 0 && estimatedSize(message, props) > clientMaximumPacketSize) {
            context.stats().packetTooLarge();
            context.log().debug(name, "message on \"" + message.topic() + "\" exceeds the client's maximum packet size");
            return false;
        }
        channel.write(new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.valueOf(message.qos()), message.retain(), 0),
                new MqttPublishVariableHeader(message.topic(), message.qos() == 0 ? -1 : packetId, props),
                Unpooled.wrappedBuffer(message.payload())), channel.voidPromise());
        return true;
    }

    /** An upper bound of a PUBLISH's size: fixed header, topic, packet id, properties and payload. */
    private static long estimatedSize(AppMessage message, MqttProperties props) {
        long propertyBytes = 0;
        for (var property : props.listAll()) {
            propertyBytes += 5 + String.valueOf(property.value()).length() * 3L;
        }
        return 5 + 2 + message.topic().length() * 3L + 2 + 4 + propertyBytes + message.payload().length;
    }

    private long pendingBytes() {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    @Override
    public void ack(AckType type, int packetId, int reasonCode) {
        MqttMessageType messageType = MqttMessageType.valueOf(type.name());
        MqttQoS qos = type == AckType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
        channel.write(new MqttMessage(fixed(messageType, qos),
                new MqttPubReplyMessageVariableHeader(packetId, (byte) reasonCode, MqttProperties.NO_PROPERTIES)),
                channel.voidPromise());
    }

    @Override
    public void subscribed(int packetId, List<Integer> reasonCodes) {
        channel.write(new MqttSubAckMessage(fixed(MqttMessageType.SUBACK, MqttQoS.AT_MOST_ONCE),
                new MqttMessageIdAndPropertiesVariableHeader(packetId, MqttProperties.NO_PROPERTIES),
                new MqttSubAckPayload(reasonCodes)), channel.voidPromise());
    }

    @Override
    public void unsubscribed(int packetId, List<Integer> reasonCodes) {
        channel.write(new MqttUnsubAckMessage(fixed(MqttMessageType.UNSUBACK, MqttQoS.AT_MOST_ONCE),
                new MqttMessageIdAndPropertiesVariableHeader(packetId, MqttProperties.NO_PROPERTIES),
                new MqttUnsubAckPayload(reasonCodes.stream().map(Integer::shortValue).toList())), channel.voidPromise());
    }

    @Override
    public int receiveMaximum() {
        return clientReceiveMaximum;
    }

    @Override
    public boolean isMqtt5() {
        return mqtt5;
    }

    @Override
    public void flush() {
        channel.flush();
    }

    /**
     * Ends the connection for a reason of the server's: logged and, to an MQTT 5 client, told in a
     * DISCONNECT [MQTT-4.13.2-1]; an MQTT 3.1.1 client is only disconnected. Its will is published.
     */
    @Override
    public void disconnect(int reasonCode, String why) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> disconnect(reasonCode, why));
            return;
        }
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        if (reasonCode == ReasonCodes.SERVER_SHUTTING_DOWN) {
            context.log().debug(name, why);
        } else {
            context.log().error(name, why);
        }
        if (mqtt5) {
            channel.writeAndFlush(new MqttMessage(fixed(MqttMessageType.DISCONNECT, MqttQoS.AT_MOST_ONCE),
                    new MqttReasonCodeAndPropertiesVariableHeader((byte) reasonCode, MqttProperties.NO_PROPERTIES)))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    /** The server stops: the client is told (MQTT 5), and its will is not published, as the session goes on. */
    void serverShutdown() {
        channel.eventLoop().execute(() -> {
            will = null;
            closedByClient = true;
            disconnect(ReasonCodes.SERVER_SHUTTING_DOWN, "Server shutting down");
        });
    }

    private static MqttFixedHeader fixed(MqttMessageType type, MqttQoS qos) {
        return new MqttFixedHeader(type, false, qos, false, 0);
    }
}
