package io.switchboard.monitor;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** One HTTP connection of the monitoring port: each request answered by the {@link Endpoints}. */
final class MonitorHandler extends ChannelInboundHandlerAdapter {

    private final Endpoints endpoints;

    MonitorHandler(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(msg);
            return;
        }
        boolean keepAlive;
        Request parsed;
        try {
            keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
            parsed = Request.of(request, (InetSocketAddress) ctx.channel().remoteAddress());
        } finally {
            request.release();
        }
        if (!request.decoderResult().isSuccess()) {
            respond(ctx, Reply.text(HttpResponseStatus.BAD_REQUEST, "400 Bad Request"), false);
            return;
        }
        endpoints.answer(parsed).whenComplete((reply, failure) -> respond(ctx,
                failure == null ? reply : Reply.error(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                        String.valueOf(failure.getMessage()), parsed.wantsText()), keepAlive));
    }

    private static void respond(ChannelHandlerContext ctx, Reply reply, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, reply.status(),
                Unpooled.copiedBuffer(reply.body(), StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
        response.headers().set(HttpHeaderNames.DATE,
                DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        HttpUtil.setContentLength(response, response.content().readableBytes());
        if (keepAlive) {
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
