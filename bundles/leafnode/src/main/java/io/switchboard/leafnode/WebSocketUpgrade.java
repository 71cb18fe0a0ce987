package io.switchboard.leafnode;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketClientExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateClientExtensionHandshaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * A remote that reaches its hub on the hub's WebSocket port ({@code ws://}, {@code wss://}):
 * after TLS, when the URL has it, the connection asks for an upgrade at the {@code /leafnode}
 * path, as nats-server does, offering permessage-deflate when the remote has
 * {@code ws_compression}; the leaf protocol then travels in masked binary frames.
 */
final class WebSocketUpgrade {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketUpgrade.class);
    /** nats-server's wait for the hub's INFO, which here covers the upgrade before it. */
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 2000;
    /** Bounds one frame from the hub; the leaf protocol bounds each message by max_payload. */
    private static final int MAX_FRAME_PAYLOAD = 64 * 1024 * 1024;
    private static final int DEFLATE_LEVEL = 6;
    private static final int MAX_WINDOW_BITS = 15;

    private WebSocketUpgrade() {
    }

    static boolean isWebSocket(URI url) {
        String scheme = url.getScheme();
        return scheme != null && (scheme.equalsIgnoreCase("ws") || scheme.equalsIgnoreCase("wss"));
    }

    /**
     * What goes in the pipeline of a channel dialled to {@code hub}, after TLS: the HTTP upgrade,
     * the frames, and {@code connection} behind them.
     */
    static ChannelHandler pipeline(URI hub, boolean compress, ChannelHandler connection) {
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(upgradeUri(hub))
                .version(WebSocketVersion.V13)
                .allowExtensions(compress)
                .maxFramePayloadLength(MAX_FRAME_PAYLOAD)
                .generateOriginHeader(false)
                .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
                .build();
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast("ws-http", new HttpClientCodec())
                        .addLast("ws-http-aggregator", new HttpObjectAggregator(8192));
                if (compress) {
                    // nats-server deflates each message on its own: no context is kept on either side
                    ch.pipeline().addLast("ws-deflate", new WebSocketClientExtensionHandler(
                            new PerMessageDeflateClientExtensionHandshaker(DEFLATE_LEVEL, false,
                                    MAX_WINDOW_BITS, true, true)));
                }
                ch.pipeline().addLast("ws-upgrade", new WebSocketClientProtocolHandler(config))
                        .addLast("ws-frames", new Frames())
                        .addLast("leaf", connection);
            }
        };
    }

    /** {@code /leafnode} with the URL's own path after it, as nats-server asks for it. */
    private static URI upgradeUri(URI hub) {
        String path = hub.getRawPath() == null ? "" : hub.getRawPath();
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        try {
            return new URI(hub.getScheme().toLowerCase(Locale.ROOT), null, hub.getHost(), hub.getPort(), null, null, null)
                    .resolve("/leafnode" + path);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Data frames carry the leaf protocol's bytes both ways; control frames stay with the upgrade handler. */
    private static final class Frames extends MessageToMessageCodec<WebSocketFrame, ByteBuf> {

        @Override
        protected void encode(ChannelHandlerContext ctx, ByteBuf bytes, List<Object> out) {
            out.add(new BinaryWebSocketFrame(bytes.retain()));
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
            if (frame instanceof BinaryWebSocketFrame || frame instanceof TextWebSocketFrame
                    || frame instanceof ContinuationWebSocketFrame) {
                out.add(frame.content().retain());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof WebSocketHandshakeException) {
                LOG.error("Error soliciting websocket connection: {}", cause.getMessage());
                ctx.close();
                return;
            }
            ctx.fireExceptionCaught(cause);
        }
    }
}
