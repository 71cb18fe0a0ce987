package io.switchboard.transport.websocket;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.util.ReferenceCountUtil;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upgrade requests made of HTTP and WebSocket header fragments and stray bytes, read by the
 * handshake's request decoder whole and cut in two at every byte: every way gives the same
 * requests, bodies of the same length and the same verdicts (a body comes in as many parts as it
 * took reads, which the handshake ignores), and judging a request (its method, headers, origin, extensions
 * and cookies) never throws.
 */
class HandshakeFuzzTest {

    private static final HandshakeCheck CHECK = new HandshakeCheck(
            new OriginPolicy(true, List.of("https://app.example:8443")));

    private static final String[] FRAGMENTS = {
        "GET / HTTP/1.1\r\n", "GET /mqtt HTTP/1.1\r\n", "POST / HTTP/1.0\r\n", "GET /leafnode HTTP/2.0\r\n",
        "Host: localhost:8080\r\n", "Host:\r\n", "Upgrade: websocket\r\n", "Upgrade: h2c, WebSocket\r\n",
        "Connection: Upgrade\r\n", "Connection: keep-alive, upgrade\r\n", "Connection: close\r\n",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n", "Sec-WebSocket-Version: 13\r\n",
        "Sec-WebSocket-Version: 8, 13\r\n", "Origin: https://app.example:8443\r\n", "Origin: http://localhost:8080\r\n",
        "Origin: ::not a uri\r\n", "Origin: http://[::1\r\n", "Origin: http://h:-1\r\n", "Origin: mailto:x\r\n",
        "Sec-WebSocket-Origin: http://x\r\n", "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n",
        "Sec-WebSocket-Extensions: ;,;\r\n", "Nats-No-Masking: true\r\n", "User-Agent: Mozilla/5.0 Version/1 Safari/2\r\n",
        "Cookie: jwt=abc; other=\"x\r\n", "Cookie: ===;;\r\n", "Content-Length: 3\r\n", "Transfer-Encoding: chunked\r\n",
        "\r\n", "\r\n\r\n", "abc", "0\r\n\r\n", " ", ":", ",", ";", "\r", "\n", "\0", "\u00ff",
    };

    @Property
    void everyCutGivesTheSameRequestsAndVerdicts(@ForAll("requests") byte[] stream) {
        List<String> whole = judge(stream);
        for (int cut = 1; cut < stream.length; cut++) {
            assertThat(judge(stream, cut)).as("cut at %d", cut).isEqualTo(whole);
        }
    }

    @Provide
    Arbitrary<byte[]> requests() {
        Arbitrary<String> fragment = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.of(FRAGMENTS)),
                Tuple.of(1, Arbitraries.strings().withCharRange('\0', '\u00ff').ofMaxLength(6)));
        return fragment.list().ofMaxSize(14)
                .map(parts -> String.join("", parts).getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Each request the decoder made of the stream read at {@code cuts}, with the verdict on it. */
    private static List<String> judge(byte[] stream, int... cuts) {
        EmbeddedChannel channel = new EmbeddedChannel(HandshakeHandler.requestDecoder());
        List<String> verdicts = new ArrayList<>();
        int body = 0;
        try {
            int from = 0;
            for (int i = 0; i <= cuts.length; i++) {
                int to = i < cuts.length ? cuts[i] : stream.length;
                channel.writeInbound(Unpooled.copiedBuffer(stream, from, to - from));
                from = to;
                for (Object m = channel.readInbound(); m != null; m = channel.readInbound()) {
                    try {
                        if (m instanceof HttpContent content) {
                            body += content.content().readableBytes();
                            if (content instanceof LastHttpContent || content.decoderResult().isFailure()) {
                                verdicts.add("body " + body + (content.decoderResult().isFailure() ? " malformed" : ""));
                                body = 0;
                            }
                        }
                        if (m instanceof HttpRequest request) {
                            verdicts.add(verdict(request));
                        }
                    } finally {
                        ReferenceCountUtil.release(m);
                    }
                }
            }
        } finally {
            channel.finishAndReleaseAll();
        }
        return verdicts;
    }

    private static String verdict(HttpRequest request) {
        if (request.decoderResult().isFailure()) {
            return "malformed " + request.decoderResult().cause().getClass().getSimpleName();
        }
        HandshakeCheck.Refusal refusal = CHECK.check(request, false);
        var headers = request.headers();
        Negotiated negotiated = Negotiated.of(true, String.join(",", headers.getAll("Sec-WebSocket-Extensions")),
                headers.get("Nats-No-Masking"), headers.get("User-Agent"));
        int cookies = 0;
        for (String header : headers.getAll("Cookie")) {
            cookies += ServerCookieDecoder.LAX.decode(header).size();
        }
        return request.method() + " " + request.uri() + " " + request.protocolVersion() + " " + refusal
                + " " + negotiated + " cookies " + cookies;
    }
}
