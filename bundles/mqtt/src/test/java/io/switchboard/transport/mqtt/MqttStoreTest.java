package io.switchboard.transport.mqtt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MqttStoreTest {

    @TempDir
    Path dir;

    private static AppMessage message(String topic, String body, int qos) {
        return new AppMessage(topic, body.getBytes(StandardCharsets.UTF_8), qos, false,
                new NatsHeaders(List.of(Map.entry("trace", "t1"))), "replies/here");
    }

    @Test
    void sessionsMessagesAndRetainedMessagesSurviveReopening() {
        SessionKey key = new SessionKey("$G", "dev-1");
        try (MqttStore sut = new MqttStore(dir, 100)) {
            sut.saveSession(key, new StoredForms.SessionState("alice", Properties5.NEVER, 42,
                    List.of(new Subscription("$share/g/a/#", 1, "g", false, true, 1, 12, List.of("a.>", "a"), List.of(7, 8))), List.of(3, 9)));
            sut.putMessage(key, new Outgoing(sut.nextSeq(), 0, message("a/b", "one", 1), false, 0));
            Outgoing sent = new Outgoing(sut.nextSeq(), 5, message("a/c", "two", 2), false, 12);
            sut.putMessage(key, sent);
            sut.putMessage(key, sent.release());
            Outgoing acked = new Outgoing(sut.nextSeq(), 6, message("a/d", "three", 1), false, 0);
            sut.putMessage(key, acked);
            sut.removeMessage(key, acked.seq());
            assertThat(sut.retain("$G", "cfg.x", message("cfg/x", "on", 1).withRetain(true))).isTrue();
        }
        try (MqttStore sut = new MqttStore(dir, 100)) {
            MqttStore.StoredSession kept = sut.sessions(new MqttLog()).get(0);
            assertThat(kept.key()).isEqualTo(key);
            assertThat(kept.state().username()).isEqualTo("alice");
            assertThat(kept.state().detachedAtMillis()).isEqualTo(42);
            assertThat(kept.state().subscriptions()).singleElement()
                    .satisfies(sub -> {
                        assertThat(sub.subjects()).containsExactly("a.>", "a");
                        assertThat(sub.queue()).isEqualTo("g");
                        assertThat(sub.retainAsPublished()).isTrue();
                        assertThat(sub.identifier()).isEqualTo(12);
                    });
            assertThat(kept.state().qos2Received()).containsExactly(3, 9);
            assertThat(kept.messages()).extracting(Outgoing::packetId).containsExactly(0, 5);
            assertThat(kept.messages().get(1).released()).isTrue();
            assertThat(kept.messages().get(1).message().headers().first("trace")).isEqualTo("t1");
            assertThat(kept.messages().get(1).message().responseTopic()).isEqualTo("replies/here");
            assertThat(kept.messages().get(1).subscriptionId()).isEqualTo(12);
            assertThat(new String(sut.retained().get("$G").get("cfg.x").payload(), StandardCharsets.UTF_8)).isEqualTo("on");
            assertThat(sut.nextSeq()).isGreaterThan(kept.messages().get(1).seq());
            sut.removeSession(key);
            assertThat(sut.sessions(new MqttLog())).isEmpty();
        }
    }

    @Test
    void theTotalLimitCountsMessagesAndRetainedTopics() {
        try (MqttStore sut = new MqttStore(dir, 2)) {
            SessionKey key = new SessionKey("$G", "dev-2");
            sut.putMessage(key, new Outgoing(sut.nextSeq(), 0, message("a", "1", 1), false, 0));
            assertThat(sut.full()).isFalse();
            assertThat(sut.retain("$G", "r", message("r", "kept", 0))).isTrue();
            assertThat(sut.full()).isTrue();
            assertThat(sut.retain("$G", "s", message("s", "refused", 0))).isFalse();
            assertThat(sut.retain("$G", "r", message("r", "replaced", 0))).isTrue();
        }
    }
}
