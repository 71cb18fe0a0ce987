package io.switchboard.core.config;

/** A "host:port" listen address, split with the rules of Go's net.SplitHostPort. */
public record HostPort(String host, int port) {

    /** Reads a listen setting: a bare port number, or a "host:port" string ("[::1]:4222" for IPv6). */
    public static HostPort ofSetting(ConfigValue value, String setting) {
        if (value.is(ConfigValue.Kind.INTEGER)) {
            return new HostPort("", Settings.toInt(value, setting));
        }
        if (!value.is(ConfigValue.Kind.STRING)) {
            throw new ConfigException(value.position(),
                    setting + ": expected port or host:port but got " + value.describe());
        }
        String address = value.asString();
        String[] split = split(address);
        if (split == null) {
            throw new ConfigException(value.position(), setting + ": could not parse address string \"" + address + "\"");
        }
        if (!split[1].matches("[+-]?[0-9]+")) {
            throw new ConfigException(value.position(), setting + ": could not parse port \"" + split[1] + "\"");
        }
        try {
            return new HostPort(split[0], Integer.parseInt(split[1]));
        } catch (NumberFormatException e) {
            throw new ConfigException(value.position(), setting + ": could not parse port \"" + split[1] + "\"");
        }
    }

    /** Host and port text, or null when the address has no port or too many colons. */
    private static String[] split(String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            return null;
        }
        String host;
        int hostStart = 0;
        int afterHost = 0;
        if (address.charAt(0) == '[') {
            int end = address.indexOf(']');
            if (end < 0 || end + 1 != colon) {
                return null;
            }
            host = address.substring(1, end);
            hostStart = 1;
            afterHost = end + 1;
        } else {
            host = address.substring(0, colon);
            if (host.indexOf(':') >= 0) {
                return null;
            }
        }
        if (address.indexOf('[', hostStart) >= 0 || address.indexOf(']', afterHost) >= 0) {
            return null;
        }
        return new String[] {host, address.substring(colon + 1)};
    }
}
