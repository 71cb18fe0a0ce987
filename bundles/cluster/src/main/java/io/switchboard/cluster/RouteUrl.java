package io.switchboard.cluster;

import io.switchboard.core.config.ConfigException;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Where a route goes: {@code nats://[user:password@]host:port}, as in {@code routes [...]},
 * {@code --routes} and the {@code ip} of a gossiped INFO. Two URLs are the same route when their
 * {@code host:port} is, whatever their scheme and credentials.
 */
record RouteUrl(String host, int port, String user, String password) {

    static RouteUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new ConfigException("error parsing route url [\"" + text + "\"]: " + e.getReason());
        }
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new ConfigException("error parsing route url [\"" + text + "\"]: missing host or port");
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
        return new RouteUrl(host, uri.getPort(), user, password);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** The same route with other credentials. */
    RouteUrl withCredentials(String user, String password) {
        return new RouteUrl(host, port, user, password);
    }

    String hostPort() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    boolean sameRoute(RouteUrl other) {
        return port == other.port && host.toLowerCase(Locale.ROOT).equals(other.host.toLowerCase(Locale.ROOT));
    }

    /** For logs: nats-server shows the URL with the password redacted. */
    @Override
    public String toString() {
        String credentials = user == null ? "" : user + (password == null ? "" : ":xxxxx") + "@";
        return "nats-route://" + credentials + hostPort();
    }
}
