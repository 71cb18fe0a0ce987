package io.switchboard.monitor;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The live page at {@code /} and the two files it loads, served from this bundle: no build step and
 * nothing from elsewhere. The page finds the endpoints under {@code http_base_path}, which is
 * written into it.
 */
final class Page {

    private static final Map<String, String> ASSETS = Map.of("/page.js", "application/javascript; charset=utf-8",
            "/page.css", "text/css; charset=utf-8");

    private final String html;
    private final Map<String, String> assets;

    Page(String basePath) {
        this.html = read("index.html").replace("{{base}}", basePath);
        this.assets = Map.of("/page.js", read("page.js"), "/page.css", read("page.css"));
    }

    Reply index() {
        return new Reply(HttpResponseStatus.OK, "text/html; charset=utf-8", html);
    }

    /** One of the page's files, when {@code path} names one. */
    Optional<Reply> asset(String path) {
        String body = assets.get(path);
        return body == null ? Optional.empty() : Optional.of(new Reply(HttpResponseStatus.OK, ASSETS.get(path), body));
    }

    private static String read(String name) {
        try (InputStream in = Page.class.getResourceAsStream("page/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the bundle lacks page/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
