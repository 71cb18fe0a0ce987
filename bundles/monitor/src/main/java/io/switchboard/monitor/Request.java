package io.switchboard.monitor;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the endpoints need of an HTTP request, taken out of Netty's buffers.
 *
 * @param fromBrowser whether it carries an {@code Origin}, as every request a browser's page makes
 *     across origins does
 */
record Request(HttpMethod method, String path, Map<String, List<String>> parameters, boolean wantsText,
               boolean fromBrowser, InetSocketAddress peer) {

    static Request of(FullHttpRequest request, InetSocketAddress peer) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String accept = request.headers().get(HttpHeaderNames.ACCEPT, "");
        return new Request(request.method(), uri.path(), uri.parameters(), accept.startsWith("text/plain"),
                request.headers().contains(HttpHeaderNames.ORIGIN), peer);
    }

    /** A GET of the endpoints' own, with these parameters, as the metrics make it. */
    static Request of(Map<String, List<String>> parameters) {
        return new Request(HttpMethod.GET, "", parameters, false, false, null);
    }

    Optional<String> parameter(String name) {
        List<String> values = parameters.getOrDefault(name, List.of());
        return values.isEmpty() || values.get(0).isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    boolean fromLoopback() {
        return peer != null && peer.getAddress() != null && peer.getAddress().isLoopbackAddress();
    }
}
