package io.switchboard.transport.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;

/**
 * The HTTP answers of the handshake, byte for byte as nats-server's (Go's net/http) write them:
 * the upgrade, a rejected upgrade, and a request the HTTP layer itself refuses.
 */
final class HttpReplies {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

    private HttpReplies() {
    }

    /** The 101 answer to an accepted upgrade, with what was negotiated. */
    static ByteBuf switchingProtocols(ByteBufAllocator alloc, String key, Negotiated negotiated, boolean mqtt) {
        StringBuilder reply = new StringBuilder(256)
                .append("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Accept: ").append(acceptKey(key)).append("\r\n");
        if (negotiated.compress()) {
            reply.append("Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover;"
                    + " client_no_context_takeover\r\n");
        }
        if (!negotiated.masked()) {
            reply.append("Nats-No-Masking: true\r\n");
        }
        if (mqtt) {
            reply.append("Sec-Websocket-Protocol: mqtt\r\n");
        }
        reply.append("\r\n");
        return ascii(alloc, reply);
    }

    /** A refused upgrade, as Go's {@code http.Error}; {@code close} adds the header Go adds when it hangs up. */
    static ByteBuf rejected(ByteBufAllocator alloc, HttpVersion version, HttpResponseStatus status, boolean close) {
        String body = status.reasonPhrase() + "\n";
        StringBuilder reply = new StringBuilder(256)
                .append(version.text()).append(' ').append(status.code()).append(' ').append(status.reasonPhrase())
                .append("\r\nContent-Type: text/plain; charset=utf-8\r\nSec-Websocket-Version: 13\r\n")
                .append("X-Content-Type-Options: nosniff\r\n")
                .append("Date: ").append(HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n")
                .append("Content-Length: ").append(body.length()).append("\r\n");
        if (close) {
            reply.append("Connection: close\r\n");
        }
        reply.append("\r\n").append(body);
        return ascii(alloc, reply);
    }

    /** A request Go's HTTP server refuses before any handler sees it; the connection is closed after. */
    static ByteBuf refused(ByteBufAllocator alloc, HttpResponseStatus status, String detail) {
        String text = status.code() + " " + status.reasonPhrase() + (detail.isEmpty() ? "" : ": " + detail);
        return ascii(alloc, "HTTP/1.1 " + text + "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"
                + text);
    }

    /** RFC 6455's Sec-WebSocket-Accept for a client's key. */
    static String acceptKey(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }

    private static ByteBuf ascii(ByteBufAllocator alloc, CharSequence text) {
        ByteBuf buf = alloc.buffer(text.length());
        buf.writeCharSequence(text, StandardCharsets.ISO_8859_1);
        return buf;
    }
}
