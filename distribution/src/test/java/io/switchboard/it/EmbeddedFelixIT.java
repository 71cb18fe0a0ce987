package io.switchboard.it;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.switchboard.launcher.BrokerRuntime;
import io.switchboard.logging.LogSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Boots the assembled bundles in an embedded Felix, the way Felix tests itself. */
class EmbeddedFelixIT {

    @TempDir
    Path tmp;

    private Path logFile;
    private BrokerRuntime sut;

    @BeforeEach
    void start() throws Exception {
        logFile = tmp.resolve("broker.log");
        sut = BrokerRuntime.start(ServerProcess.home(), List.of("-a", "127.0.0.1", "-p", "-1", "-l", logFile.toString()));
        await().atMost(Duration.ofSeconds(30)).until(() -> log().contains("Server is ready"));
    }

    @AfterEach
    void stop() throws IOException {
        if (sut != null) {
            sut.stop();
        }
        LogSettings.apply(false, false, true, null);
    }

    @Test
    void everyBundleIsActiveAndLogsThroughTheProvider() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Bundle[] bundles = sut.bundleContext().getBundles();
            assertThat(Arrays.stream(bundles).map(Bundle::getSymbolicName))
                    .contains("io.switchboard.switchboard-core", "io.switchboard.switchboard-client-tcp");
            for (Bundle bundle : bundles) {
                int expected = bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null ? Bundle.ACTIVE : Bundle.RESOLVED;
                assertThat(bundle.getState()).as(bundle.getSymbolicName()).isEqualTo(expected);
            }
        });
        assertThat(LoggerFactory.getILoggerFactory().getClass().getName())
                .isEqualTo("io.switchboard.logging.NatsLoggerFactory");
        String log = log();
        assertThat(log).contains("[INF] Listening for client connections on 127.0.0.1:");
        assertThat(log).doesNotContainIgnoringCase("NOP").doesNotContainIgnoringCase("no provider")
                .doesNotContain("SLF4J");
    }

    @Test
    void carriesMessagesThroughTheBundles() throws Exception {
        Matcher port = Pattern.compile("client connections on 127\\.0\\.0\\.1:(\\d+)").matcher(log());
        assertThat(port.find()).isTrue();
        try (Connection nc = Nats.connect("nats://127.0.0.1:" + port.group(1))) {
            var sub = nc.subscribe("embedded");
            nc.publish("embedded", new byte[] {1, 2, 3});
            assertThat(sub.nextMessage(Duration.ofSeconds(5)).getData()).containsExactly(1, 2, 3);
        }
    }

    private String log() throws IOException {
        return Files.exists(logFile) ? Files.readString(logFile) : "";
    }
}
