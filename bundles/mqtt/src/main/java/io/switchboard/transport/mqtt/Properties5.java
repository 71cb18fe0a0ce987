package io.switchboard.transport.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty;
import io.netty.handler.codec.mqtt.MqttProperties.MqttProperty;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttProperties.StringPair;
import io.netty.handler.codec.mqtt.MqttProperties.StringProperty;
import io.netty.handler.codec.mqtt.MqttProperties.UserProperties;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** MQTT 5 properties: read from the client's packets, written to its CONNACK, and carried over NATS as headers. */
final class Properties5 {

    /** A session expiry interval that never ends (MQTT 5.0, 3.1.2.11.2), and MQTT 3.1.1's persistent sessions. */
    static final long NEVER = 0xFFFFFFFFL;

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
        props.add(new IntegerProperty(MqttPropertyType.TOPIC_ALIAS_MAXIMUM.value(), 0));
        props.add(new IntegerProperty(MqttPropertyType.SHARED_SUBSCRIPTION_AVAILABLE.value(), 0));
        props.add(new IntegerProperty(MqttPropertyType.SUBSCRIPTION_IDENTIFIER_AVAILABLE.value(), 0));
        return props;
    }

    /**
     * User properties become NATS headers of the same name and value; a name NATS headers cannot
     * carry (with a colon, white space or a line break) is left out.
     */
    static NatsHeaders toHeaders(MqttProperties props) {
        if (props == null || props.isEmpty()) {
            return NatsHeaders.NONE;
        }
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        MqttProperty<?> users = props.getProperty(MqttPropertyType.USER_PROPERTY.value());
        if (users instanceof UserProperties list) {
            for (StringPair pair : list.value()) {
                if (isHeaderName(pair.key) && pair.value.indexOf('\r') < 0 && pair.value.indexOf('\n') < 0) {
                    entries.add(Map.entry(pair.key, pair.value));
                }
            }
        }
        return new NatsHeaders(entries);
    }

    /** NATS headers become user properties, for MQTT 5 subscribers. */
    static MqttProperties fromHeaders(NatsHeaders headers) {
        if (headers.isEmpty()) {
            return MqttProperties.NO_PROPERTIES;
        }
        UserProperties users = new UserProperties();
        headers.entries().forEach(e -> users.add(e.getKey(), e.getValue()));
        MqttProperties props = new MqttProperties();
        props.add(users);
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
