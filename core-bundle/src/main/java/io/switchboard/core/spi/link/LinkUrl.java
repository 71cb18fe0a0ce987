package io.switchboard.core.spi.link;

import io.switchboard.core.config.ConfigException;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Where a route or gateway goes: {@code nats://[user:password@]host:port}, as in {@code routes [...]},
 * {@code --routes}, a gateway's {@code url} and the {@code ip} of a gossiped INFO. Two URLs lead
 * to the same place when their {@code host:port} does, whatever their scheme and credentials.
 */
public record LinkUrl(String host, int port, String user, String password) {

    /** Reads a route's URL. */
    public static LinkUrl parse(String text) {
        return parse(text, "route");
    }

    /** Reads a URL; {@code kind} ({@code route}, {@code gateway}) names it in errors. */
    public static LinkUrl parse(String text, String kind) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new ConfigException("error parsing " + kind + " url [\"" + text + "\"]: " + e.getReason());
        }
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new ConfigException("error parsing " + kind + " url [\"" + text + "\"]: missing host or port");
        }
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        String host = uri.getHost();
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new LinkUrl(host, uri.getPort(), user, password);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** The same place with other credentials. */
    public LinkUrl withCredentials(String user, String password) {
        return new LinkUrl(host, port, user, password);
    }

    public String hostPort() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    public boolean samePlace(LinkUrl other) {
        return port == other.port && host.toLowerCase(Locale.ROOT).equals(other.host.toLowerCase(Locale.ROOT));
    }

    /** For logs: nats-server shows a URL with its password redacted. */
    public String redacted(String scheme) {
        String credentials = user == null ? "" : user + (password == null ? "" : ":xxxxx") + "@";
        return scheme + "://" + credentials + hostPort();
    }

    @Override
    public String toString() {
        return redacted("nats");
    }
}
