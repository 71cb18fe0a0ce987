package io.switchboard.core.spi.link;

import io.netty.channel.Channel;
import io.switchboard.core.json.Json;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

/** What route and gateway connections both need to read a peer's INFO and CONNECT and to name it. */
public final class LinkProtocol {

    private LinkProtocol() {
    }

    /** The JSON object of an INFO or CONNECT; a peer that sends anything else breaks the protocol. */
    public static Map<String, Object> parse(String json) throws LinkProtocolException {
        try {
            return Json.parseObject(json);
        } catch (IllegalArgumentException e) {
            throw new LinkProtocolException(e.getMessage());
        }
    }

    /** A field as text, empty when absent. */
    public static String text(Map<String, Object> json, String key) {
        Object value = json.get(key);
        return value == null ? "" : value.toString();
    }

    /** A field that holds an array of strings; empty when it does not. */
    public static List<String> strings(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(String::valueOf).toList();
    }

    /** Compares a configured secret with the one given, in time that does not depend on where they differ. */
    public static boolean sameSecret(String expected, String given) {
        return MessageDigest.isEqual(expected == null ? new byte[0] : expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    /** The peer's {@code ip:port}, as nats-server puts it before a connection's log lines. */
    public static String remote(Channel channel) {
        if (channel.remoteAddress() instanceof InetSocketAddress a) {
            return a.getAddress().getHostAddress() + ":" + a.getPort();
        }
        return String.valueOf(channel.remoteAddress());
    }
}
