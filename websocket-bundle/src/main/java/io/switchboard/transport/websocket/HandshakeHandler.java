package io.switchboard.transport.websocket;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.switchboard.core.spi.transport.ChannelProtocol;
import io.switchboard.core.spi.transport.ClientAuthContext;
import io.switchboard.core.spi.transport.TransportHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The HTTP side of a websocket connection: reads upgrade requests, refuses bad ones with
 * nats-server's answers (and keeps an HTTP/1.1 connection open for another try, as Go's server
 * does), and on a good one switches the pipeline to frames with the NATS protocol behind them,
 * or, at the {@code /mqtt} and {@code /leafnode} paths, the protocol of the bundle that speaks it.
 */
final class HandshakeHandler extends ChannelInboundHandlerAdapter {

    static final String TRANSPORT = "websocket";
    /** Go's limit for the request line and headers together. */
    static final int MAX_HEADER_BYTES = (1 << 20) + 4096;

    private static final Logger LOG = LoggerFactory.getLogger(HandshakeHandler.class);
    static final String LEAF_PATH = "/leafnode";
    static final String MQTT_PATH = "/mqtt";

    private final TransportHost host;
    private final WebSocketSettings settings;
    private final HandshakeCheck check;
    private final boolean tls;
    /** The protocol registered for a path ({@link #MQTT_PATH}, {@link #LEAF_PATH}), null while its bundle is not there. */
    private final Function<String, ChannelProtocol> protocols;
    private HttpRequest request;
    private boolean upgrading;
    private boolean earlyData;
    private ScheduledFuture<?> timeout;

    HandshakeHandler(TransportHost host, WebSocketSettings settings, HandshakeCheck check, boolean tls,
                     Function<String, ChannelProtocol> protocols) {
        this.host = host;
        this.settings = settings;
        this.check = check;
        this.tls = tls;
        this.protocols = protocols;
    }

    static HttpRequestDecoder requestDecoder() {
        return new HttpRequestDecoder(MAX_HEADER_BYTES, MAX_HEADER_BYTES, 8192);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        long nanos = settings.handshakeTimeout().toNanos();
        if (nanos > 0) {
            // as Go's read timeout: the TLS handshake and the request must be done in time
            timeout = ctx.executor().schedule(() -> {
                ctx.close();
            }, nanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
            LOG.error("websocket: http: TLS handshake error from {}: {}", Remote.of(ctx.channel()),
                    done.cause().getMessage());
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (upgrading) {
                earlyData = true;
                return;
            }
            if (msg instanceof HttpRequest started) {
                if (started.decoderResult().isFailure()) {
                    refuseMalformed(ctx, started.decoderResult().cause());
                    return;
                }
                request = started;
            }
            if (msg instanceof LastHttpContent last && request != null) {
                HttpRequest complete = request;
                request = null;
                if (last.decoderResult().isFailure()) {
                    refuseMalformed(ctx, last.decoderResult().cause());
                } else {
                    handle(ctx, complete);
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void handle(ChannelHandlerContext ctx, HttpRequest request) {
        HttpVersion version = request.protocolVersion();
        if (version.majorVersion() != 1) {
            refuse(ctx, HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, "unsupported protocol version");
            return;
        }
        if (version.minorVersion() > 0 && !request.headers().contains("Host")) {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "missing required Host header");
            return;
        }
        HandshakeCheck.Refusal refusal = check.check(request, tls);
        if (refusal != null) {
            LOG.error("{} - websocket handshake error: {}", Remote.of(ctx.channel()), refusal.reason());
            boolean keepAlive = version.minorVersion() > 0
                    && !HandshakeCheck.hasToken(request.headers(), "Connection", "close");
            var written = ctx.writeAndFlush(HttpReplies.rejected(ctx.alloc(), version, refusal.status(),
                    !keepAlive && version.minorVersion() > 0));
            if (!keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        upgrade(ctx, request);
    }

    private void upgrade(ChannelHandlerContext ctx, HttpRequest request) {
        Channel channel = ctx.channel();
        HttpHeaders headers = request.headers();
        String path = new QueryStringDecoder(request.uri()).rawPath();
        Negotiated negotiated = Negotiated.of(settings.compression(),
                String.join(",", headers.getAll("Sec-WebSocket-Extensions")),
                headers.get("Nats-No-Masking"), headers.get("User-Agent"));
        upgrading = true;
        // bytes the client sent after its request arrive here, to this handler, as the decoder goes
        ctx.pipeline().remove(HttpRequestDecoder.class);
        if (earlyData) {
            LOG.error("{} - websocket handshake error: client sent data before handshake is complete",
                    Remote.of(channel));
            ctx.close();
            return;
        }
        String carried = path.startsWith(MQTT_PATH) ? MQTT_PATH : path.startsWith(LEAF_PATH) ? LEAF_PATH : null;
        var written = ctx.writeAndFlush(HttpReplies.switchingProtocols(ctx.alloc(),
                headers.get("Sec-WebSocket-Key"), negotiated, MQTT_PATH.equals(carried)));
        ChannelProtocol protocol = carried == null ? null : protocols.apply(carried);
        if (carried != null && protocol == null) {
            LOG.error("Not configured to accept {} connections",
                    LEAF_PATH.equals(carried) ? "leaf node" : "MQTT websocket");
            written.addListener(ChannelFutureListener.CLOSE);
            return;
        }
        FrameWriter writer = new FrameWriter(negotiated);
        ctx.pipeline().replace(this, "ws-writer", writer);
        channel.pipeline().addAfter("ws-writer", "ws-reader", new FrameReader(writer, negotiated.masked()));
        if (protocol != null) {
            protocol.initChannel(channel, TRANSPORT);
            return;
        }
        channel.attr(ClientAuthContext.KEY).set(settings.authContext(cookieJwt(headers)));
        host.initClientChannel(channel, TRANSPORT);
    }

    private String cookieJwt(HttpHeaders headers) {
        if (settings.jwtCookie().isEmpty()) {
            return "";
        }
        for (String header : headers.getAll("Cookie")) {
            for (Cookie cookie : ServerCookieDecoder.LAX.decode(header)) {
                if (cookie.name().equals(settings.jwtCookie())) {
                    return cookie.value();
                }
            }
        }
        return "";
    }

    private void refuseMalformed(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            refuse(ctx, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "");
        } else {
            refuse(ctx, HttpResponseStatus.BAD_REQUEST, "");
        }
    }

    /** What Go's HTTP server answers, then hangs up, for a request it cannot serve at all. */
    private static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String detail) {
        ctx.writeAndFlush(HttpReplies.refused(ctx.alloc(), status, detail)).addListener(ChannelFutureListener.CLOSE);
    }
}
