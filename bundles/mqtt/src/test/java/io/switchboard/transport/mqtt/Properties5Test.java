package io.switchboard.transport.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.BinaryProperty;
import io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttProperties.UserProperties;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Properties5Test {

    @Test
    void messagePropertiesCrossNatsAsHeadersAndComeBack() {
        MqttProperties props = new MqttProperties();
        UserProperties users = new UserProperties();
        users.add("trace-id", "abc");
        users.add("bad name", "dropped");
        users.add("Nmqtt-Pub", "2");
        props.add(users);
        props.add(new BinaryProperty(MqttPropertyType.CORRELATION_DATA.value(), new byte[]{1, 2, 3}));
        props.add(new IntegerProperty(MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value(), 10));

        NatsHeaders headers = Properties5.toHeaders(props, 1_000);
        assertThat(headers.first("trace-id")).isEqualTo("abc");
        assertThat(headers.first("bad name")).isNull();
        assertThat(headers.first("Nmqtt-Pub")).isNull();
        assertThat(Properties5.expiresAt(headers)).isEqualTo(11_000);

        AppMessage message = new AppMessage("t", new byte[0], 1, false, headers, "replies/1");
        assertThat(message.expired(10_999)).isFalse();
        assertThat(message.expired(11_000)).isTrue();
        MqttProperties back = Properties5.forDelivery(message, 7, 5_000);
        assertThat(((UserProperties) back.getProperty(MqttPropertyType.USER_PROPERTY.value())).value())
                .singleElement().satisfies(pair -> assertThat(pair.key).isEqualTo("trace-id"));
        assertThat((byte[]) back.getProperty(MqttPropertyType.CORRELATION_DATA.value()).value()).containsExactly(1, 2, 3);
        assertThat(back.getProperty(MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value()).value()).isEqualTo(6);
        assertThat(back.getProperty(MqttPropertyType.RESPONSE_TOPIC.value()).value()).isEqualTo("replies/1");
        assertThat(back.getProperty(MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value()).value()).isEqualTo(7);
    }

    @Test
    void sharedFiltersBecomeQueueSubscriptions() throws Exception {
        MqttSubscriptionOption plain = MqttSubscriptionOption.onlyFromQos(MqttQoS.AT_LEAST_ONCE);
        Subscription shared = SharedFilter.subscription("$share/workers/jobs/#", 1, plain, 0);
        assertThat(shared.queue()).isEqualTo("workers");
        assertThat(shared.subjects()).containsExactly("jobs.>", "jobs");
        assertThat(SharedFilter.subscription("jobs/+", 1, plain, 0).queue()).isNull();
        assertThatThrownBy(() -> SharedFilter.subscription("$share/workers", 1, plain, 0))
                .isInstanceOf(TopicMapping.TopicException.class);
        assertThatThrownBy(() -> SharedFilter.subscription("$share//jobs", 1, plain, 0))
                .isInstanceOf(TopicMapping.TopicException.class);
    }
}
