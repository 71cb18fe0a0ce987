package io.switchboard.core.server;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The {@code host:port} URLs clients can reach this server at, worked out as nats-server does:
 * {@code client_advertise} when set; for a listener on every interface, each global unicast
 * address of the machine; otherwise the listen host itself.
 */
final class ClientUrls {

    private ClientUrls() {
    }

    static List<String> of(String advertise, String host, int port) {
        if (advertise != null && !advertise.isEmpty()) {
            return List.of(hasPort(advertise) ? advertise : join(advertise, port));
        }
        if (host.equals("0.0.0.0") || host.equals("::")) {
            List<String> urls = globalUnicastAddresses().stream().map(address -> join(address, port)).toList();
            if (!urls.isEmpty()) {
                return urls;
            }
        }
        return List.of(join(host, port));
    }

    /** {@code host:port} or {@code [v6]:port}; a bare IPv6 address has colons but no port. */
    private static boolean hasPort(String address) {
        if (address.startsWith("[")) {
            return address.contains("]:");
        }
        int colon = address.indexOf(':');
        return colon >= 0 && colon == address.lastIndexOf(':');
    }

    private static String join(String host, int port) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return (bare.indexOf(':') >= 0 ? "[" + bare + "]" : bare) + ":" + port;
    }

    private static List<String> globalUnicastAddresses() {
        List<String> found = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (!address.isLoopbackAddress() && !address.isLinkLocalAddress()
                            && !address.isAnyLocalAddress() && !address.isMulticastAddress()) {
                        String text = address.getHostAddress();
                        int scope = text.indexOf('%');
                        found.add(scope < 0 ? text : text.substring(0, scope));
                    }
                }
            }
        } catch (SocketException e) {
            return List.of();
        }
        return found;
    }
}
