package io.switchboard.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

    @Test
    void defaultsAreOnePublisherOfHundredThousandMessagesToTheLocalServer() {
        BenchOptions sut = BenchOptions.parse(List.of());
        assertThat(sut.url()).isEqualTo("nats://127.0.0.1:4222");
        assertThat(sut.subject()).isEqualTo("bench");
        assertThat(sut.publishers()).isEqualTo(1);
        assertThat(sut.subscribers()).isZero();
        assertThat(sut.messages()).isEqualTo(100_000);
        assertThat(sut.size()).isEqualTo(128);
        assertThat(sut.timeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(sut.progress()).isTrue();
        assertThat(sut.json()).isFalse();
    }

    @Test
    void readsEveryFlagInBothSpellings() {
        BenchOptions sut = BenchOptions.parse(List.of("-s", "nats://10.1.2.3:4333", "--pub", "4", "--sub=2",
                "--queue", "-n", "250k", "--size", "16KiB", "--timeout", "30", "--no-progress", "--json", "orders.>"));
        assertThat(sut.host()).isEqualTo("10.1.2.3");
        assertThat(sut.port()).isEqualTo(4333);
        assertThat(sut.publishers()).isEqualTo(4);
        assertThat(sut.subscribers()).isEqualTo(2);
        assertThat(sut.queue()).isTrue();
        assertThat(sut.messages()).isEqualTo(250_000);
        assertThat(sut.size()).isEqualTo(16 * 1024);
        assertThat(sut.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(sut.progress()).isFalse();
        assertThat(sut.json()).isTrue();
        assertThat(sut.subject()).isEqualTo("orders.>");
    }

    @Test
    void serverWithoutSchemeOrPortMeansNatsOnTheDefaultPort() {
        assertThat(BenchOptions.parse(List.of("-s", "localhost")).url()).isEqualTo("nats://localhost:4222");
        assertThat(BenchOptions.parse(List.of("--server=127.0.0.1:5222")).port()).isEqualTo(5222);
    }

    @Test
    void anMqttUrlDrivesAnMqttBrokerAtTheQosGiven() {
        BenchOptions sut = BenchOptions.parse(List.of("-s", "mqtt://127.0.0.1", "--qos", "1", "--sub", "1"));
        assertThat(sut.mqtt()).isTrue();
        assertThat(sut.qos()).isEqualTo(1);
        assertThat(sut.url()).isEqualTo("mqtt://127.0.0.1:1883");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("-s", "mqtt://127.0.0.1", "--queue")))
                .hasMessageContaining("--queue");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--qos", "1"))).hasMessageContaining("mqtt://");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("-s", "mqtt://127.0.0.1", "--qos", "2")))
                .hasMessageContaining("out of range");
    }

    @Test
    void requestModeHasOneReplierByDefaultAndNeverAQueueOfSubscribers() {
        BenchOptions sut = BenchOptions.parse(List.of("--request", "--queue"));
        assertThat(sut.request()).isTrue();
        assertThat(sut.subscribers()).isEqualTo(1);
        assertThat(sut.queue()).isFalse();
    }

    @Test
    void countsTakeThousandsAndMillions() {
        assertThat(BenchOptions.count("2M", "-n", 1, Long.MAX_VALUE)).isEqualTo(2_000_000);
        assertThat(BenchOptions.count("1_000", "-n", 1, Long.MAX_VALUE)).isEqualTo(1000);
        assertThat(BenchOptions.count("7", "-n", 1, Long.MAX_VALUE)).isEqualTo(7);
    }

    @Test
    void sizesArePowersOf1024() {
        assertThat(BenchOptions.bytes("16")).isEqualTo(16);
        assertThat(BenchOptions.bytes("16B")).isEqualTo(16);
        assertThat(BenchOptions.bytes("16k")).isEqualTo(16_384);
        assertThat(BenchOptions.bytes("16KB")).isEqualTo(16_384);
        assertThat(BenchOptions.bytes("1MiB")).isEqualTo(1_048_576);
        assertThat(BenchOptions.bytes("0")).isZero();
    }

    @Test
    void messagesAreSharedEvenlyAmongPublishers() {
        BenchOptions sut = BenchOptions.parse(List.of("--pub", "3", "-n", "10"));
        assertThat(List.of(sut.share(0), sut.share(1), sut.share(2))).containsExactly(4L, 3L, 3L);
    }

    @Test
    void rejectsWhatItCannotUseAndNamesIt() {
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--pubs", "2"))).hasMessageContaining("--pubs");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--pub"))).hasMessage("--pub needs a value");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--pub", "x"))).hasMessageContaining("not a count: x");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("-n", "0"))).hasMessageContaining("out of range");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--size", "12parsecs"))).hasMessageContaining("not a size");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--size", "65MiB"))).hasMessageContaining("out of range");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("-s", "http://host:80"))).hasMessageContaining("not a nats://");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--pub", "0"))).hasMessageContaining("nothing to do");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("a", "b"))).hasMessageContaining("unknown argument: b");
    }

    @Test
    void helpNeedsNothingElse() {
        assertThat(BenchOptions.parse(List.of("--pub", "0", "-h")).help()).isTrue();
    }
}
