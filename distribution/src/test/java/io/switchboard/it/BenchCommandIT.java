package io.switchboard.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bin/switchboard-bench} and the scale probe against the assembled broker: a few hundred messages per mode, counts only. */
class BenchCommandIT {

    @Test
    void measuresPublishSubscribeQueueAndRequestReply() throws Exception {
        try (ServerProcess broker = ServerProcess.start()) {
            assertThat(bench(broker, "--pub", "2", "--sub", "2", "-n", "300", "--size", "16"))
                    .contains("delivered: 600 msgs of 16 B").contains("subscriber      2            300");
            assertThat(bench(broker, "--pub", "1", "--sub", "3", "--queue", "-n", "300", "--size", "1KiB"))
                    .contains("delivered: 300 msgs of 1,024 B");
            assertThat(bench(broker, "--request", "-n", "200", "--size", "128"))
                    .contains("requests answered: 200 msgs").contains("latency (µs):  p50 ");
            assertThat(bench(broker, "--pub", "1", "-n", "300", "--json"))
                    .containsPattern("(?m)^\\{\"client\":\"switchboard-bench\",\"msgs\":300,");
        }
    }

    @Test
    void measuresMqttPublishSubscribeAtQos0AndQos1() throws Exception {
        try (ServerProcess broker = ServerProcess.start("-c", ServerProcess.configFile("""
                mqtt { listen: "127.0.0.1:-1" }
                """).toString())) {
            String mqtt = "mqtt://127.0.0.1:" + broker.mqttPort();
            assertThat(bench(mqtt, "--pub", "1", "--sub", "1", "-n", "3000", "--size", "16"))
                    .contains("delivered: 3,000 msgs of 16 B");
            assertThat(bench(mqtt, "--qos", "1", "--pub", "2", "--sub", "2", "-n", "3000", "--size", "128"))
                    .contains("delivered: 6,000 msgs of 128 B").contains("at QoS 1");
            assertThat(bench(mqtt, "--qos", "1", "-n", "300", "--json"))
                    .containsPattern("(?m)^\\{\"client\":\"switchboard-bench\",\"msgs\":300,");
        }
    }

    @Test
    void theScaleProbeMeasuresConnectionsSubscriptionsAndMatching() throws Exception {
        try (ServerProcess broker = ServerProcess.start()) {
            assertThat(scaleProbe(broker, "connections", "20"))
                    .containsPattern("^\\{\"connections\":20,\"seconds\":[0-9.]+,\"rate\":[0-9]+,.*\"bytes_per_unit\":-?[0-9]+}");
            assertThat(scaleProbe(broker, "subscriptions", "500", "mixed")).startsWith("{\"subscriptions\":500,");
            assertThat(scaleProbe(broker, "match", "200", "1000")).startsWith("{\"subscriptions\":200,\"msgs\":1000,");
        }
    }

    @Test
    void aServerThatIsNotThereIsAnErrorNotAHang() throws Exception {
        Process process = start("-s", "nats://127.0.0.1:1", "-n", "10");
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("switchboard-bench: ");
    }

    /** Runs the bench to completion and returns what it printed. */
    private static String bench(ServerProcess broker, String... args) throws Exception {
        return bench(broker.url(), args);
    }

    private static String bench(String url, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-s", url, "--no-progress"));
        all.addAll(List.of(args));
        Process process = start(all.toArray(String[]::new));
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    /** Runs {@code io.switchboard.bench.ScaleProbe} from the assembled distribution and returns its JSON line. */
    private static String scaleProbe(ServerProcess broker, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                ServerProcess.home().resolve("lib/switchboard-distribution.jar").toString(), "io.switchboard.bench.ScaleProbe",
                "127.0.0.1:" + broker.port(), Long.toString(broker.pid())));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    private static Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ServerProcess.home().resolve("bin/switchboard-bench").toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
