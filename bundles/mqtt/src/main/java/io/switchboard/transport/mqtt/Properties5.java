package io.switchboard.transport.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.BinaryProperty;
import io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty;
import io.netty.handler.codec.mqtt.MqttProperties.MqttProperty;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttProperties.StringPair;
import io.netty.handler.codec.mqtt.MqttProperties.StringProperty;
import io.netty.handler.codec.mqtt.MqttProperties.UserProperties;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MQTT 5 properties: read from the client's packets, written to its CONNACK and PUBLISHes, and
 * carried over NATS as headers. User properties are headers of the same name; the properties
 * MQTT gives a message travel as {@code Nmqtt-} headers, which NATS clients see and may set.
 */
final class Properties5 {

    /** A session expiry interval that never ends (MQTT 5.0, 3.1.2.11.2), and MQTT 3.1.1's persistent sessions. */
    static final long NEVER = 0xFFFFFFFFL;
    /** The QoS an MQTT client published with, as nats-server names it. */
    static final String QOS = "Nmqtt-Pub";
    static final String RETAIN = "Nmqtt-Retain";
    static final String ORIGIN = "Nmqtt-Origin";
    static final String CORRELATION = "Nmqtt-Correlation";
    static final String CONTENT_TYPE = "Nmqtt-Content-Type";
    static final String FORMAT = "Nmqtt-Format";
    /** When a message with an expiry interval expires, in milliseconds since the epoch. */
    static final String EXPIRES = "Nmqtt-Expires";
    static final int TOPIC_ALIAS_MAXIMUM = 64;
    private static final String PREFIX = "nmqtt-";

    private Properties5() {
    }

    static int receiveMaximum(MqttProperties props) {
        int value = integer(props, MqttPropertyType.RECEIVE_MAXIMUM, 65535);
        return value <= 0 ? 65535 : value;
    }

    /** Seconds the session outlives its connection; 0 ends it with the connection. */
    static long sessionExpiry(MqttProperties props) {
        return integer(props, MqttPropertyType.SESSION_EXPIRY_INTERVAL, 0) & 0xFFFFFFFFL;
    }

    /** The largest packet the client takes; 0 for no limit. */
    static long maximumPacketSize(MqttProperties props) {
        return integer(props, MqttPropertyType.MAXIMUM_PACKET_SIZE, 0) & 0xFFFFFFFFL;
    }

    static long willDelay(MqttProperties props) {
        return integer(props, MqttPropertyType.WILL_DELAY_INTERVAL, 0) & 0xFFFFFFFFL;
    }

    static int topicAlias(MqttProperties props) {
        return integer(props, MqttPropertyType.TOPIC_ALIAS, 0);
    }

    static int subscriptionIdentifier(MqttProperties props) {
        return integer(props, MqttPropertyType.SUBSCRIPTION_IDENTIFIER, 0);
    }

    static String responseTopic(MqttProperties props) {
        MqttProperty<?> property = props.getProperty(MqttPropertyType.RESPONSE_TOPIC.value());
        return property instanceof StringProperty p ? p.value() : null;
    }

    private static int integer(MqttProperties props, MqttPropertyType type, int absent) {
        MqttProperty<?> property = props.getProperty(type.value());
        return property instanceof IntegerProperty p ? p.value() : absent;
    }

    /** The CONNACK's properties: what this server supports and allows. */
    static MqttProperties connack(String assignedClientId, int maximumPacketSize, int receiveMaximum) {
        MqttProperties props = new MqttProperties();
        if (assignedClientId != null) {
            props.add(new StringProperty(MqttPropertyType.ASSIGNED_CLIENT_IDENTIFIER.value(), assignedClientId));
        }
        props.add(new IntegerProperty(MqttPropertyType.MAXIMUM_PACKET_SIZE.value(), maximumPacketSize));
        props.add(new IntegerProperty(MqttPropertyType.RECEIVE_MAXIMUM.value(), receiveMaximum));
        props.add(new IntegerProperty(MqttPropertyType.TOPIC_ALIAS_MAXIMUM.value(), TOPIC_ALIAS_MAXIMUM));
        return props;
    }

    /**
     * The headers a PUBLISH (or a will) crosses NATS with: its user properties (a name NATS
     * headers cannot carry, with a colon, white space or a line break, is left out, and so are
     * names of the {@code Nmqtt-} headers), correlation data, content type, payload format and
     * the moment its expiry interval ends.
     */
    static NatsHeaders toHeaders(MqttProperties props, long nowMillis) {
        if (props == null || props.isEmpty()) {
            return NatsHeaders.NONE;
        }
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        for (MqttProperty<?> property : props.listAll()) {
            switch (MqttPropertyType.valueOf(property.propertyId())) {
                case USER_PROPERTY -> {
                    for (StringPair pair : ((UserProperties) property).value()) {
                        if (isHeaderName(pair.key) && !pair.key.toLowerCase(Locale.ROOT).startsWith(PREFIX)
                                && pair.value.indexOf('\r') < 0 && pair.value.indexOf('\n') < 0) {
                            entries.add(Map.entry(pair.key, pair.value));
                        }
                    }
                }
                case CORRELATION_DATA -> entries.add(Map.entry(CORRELATION,
                        Base64.getEncoder().encodeToString(((BinaryProperty) property).value())));
                case CONTENT_TYPE -> entries.add(Map.entry(CONTENT_TYPE, ((StringProperty) property).value()));
                case PAYLOAD_FORMAT_INDICATOR -> entries.add(Map.entry(FORMAT, property.value().toString()));
                case PUBLICATION_EXPIRY_INTERVAL -> entries.add(Map.entry(EXPIRES,
                        Long.toString(nowMillis + (((IntegerProperty) property).value() & 0xFFFFFFFFL) * 1000)));
                default -> {
                }
            }
        }
        return new NatsHeaders(entries);
    }

    static long expiresAt(NatsHeaders headers) {
        String at = headers.first(EXPIRES);
        try {
            return at == null ? 0 : Long.parseLong(at);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The properties of a PUBLISH to an MQTT 5 client: the message's own (NATS headers become user
     * properties), what is left of its expiry interval, and the subscription's identifier.
     */
    static MqttProperties forDelivery(AppMessage message, int subscriptionIdentifier, long nowMillis) {
        MqttProperties props = new MqttProperties();
        UserProperties users = new UserProperties();
        for (Map.Entry<String, String> header : message.headers().entries()) {
            String name = header.getKey();
            String value = header.getValue();
            if (!name.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
                users.add(name, value);
            } else if (name.equalsIgnoreCase(CORRELATION)) {
                try {
                    props.add(new BinaryProperty(MqttPropertyType.CORRELATION_DATA.value(), Base64.getDecoder().decode(value)));
                } catch (IllegalArgumentException e) {
                    // correlation data a NATS client wrote in something else than base64: left out
                }
            } else if (name.equalsIgnoreCase(CONTENT_TYPE)) {
                props.add(new StringProperty(MqttPropertyType.CONTENT_TYPE.value(), value));
            } else if (name.equalsIgnoreCase(FORMAT) && value.equals("1")) {
                props.add(new IntegerProperty(MqttPropertyType.PAYLOAD_FORMAT_INDICATOR.value(), 1));
            }
        }
        if (!users.value().isEmpty()) {
            props.add(users);
        }
        long deadline = expiresAt(message.headers());
        if (deadline > 0) {
            long left = Math.max(1, (deadline - nowMillis + 999) / 1000);
            props.add(new IntegerProperty(MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value(), (int) left));
        }
        if (message.responseTopic() != null) {
            props.add(new StringProperty(MqttPropertyType.RESPONSE_TOPIC.value(), message.responseTopic()));
        }
        if (subscriptionIdentifier > 0) {
            props.add(new IntegerProperty(MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value(), subscriptionIdentifier));
        }
        return props;
    }

    private static boolean isHeaderName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ':' || c <= ' ' || c == 0x7F) {
                return false;
            }
        }
        return true;
    }
}
