package io.switchboard.it;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The live page at {@code /} in a real browser: headless Chromium opens it, traffic starts, and
 * the numbers the page shows change as the broker counts. A screenshot is left in
 * {@code target/monitor-page.png} for a person to look at.
 */
class MonitorPageIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void thePageShowsTheTrafficAsItHappens() throws Exception {
        try (ServerProcess switchboard = ServerProcess.start("-m", "-1");
             HeadlessChromium chromium = HeadlessChromium.open("http://127.0.0.1:" + switchboard.monitorPort() + "/")) {
            await().atMost(WAIT).until(() -> "ok".equals(chromium.evaluate(text("health"))));
            assertThat(chromium.evaluate(text("connections"))).isEqualTo("0");
            assertThat(chromium.evaluate("document.querySelectorAll('#bundles-table tbody tr').length"))
                    .satisfies(rows -> assertThat(Integer.parseInt(rows)).isGreaterThan(10));
            assertThat(chromium.evaluate(text("bundles-table"))).contains("io.switchboard.switchboard-monitor", "ACTIVE");

            AtomicBoolean publishing = new AtomicBoolean(true);
            try (Connection subscriber = Nats.connect(Options.builder().server(switchboard.url())
                    .connectionName("page-subscriber").build());
                 Connection publisher = Nats.connect(Options.builder().server(switchboard.url())
                         .connectionName("page-publisher").build())) {
                subscriber.subscribe("page.traffic");
                subscriber.flush(WAIT);
                Thread traffic = new Thread(() -> publish(publisher, publishing), "page-traffic");
                traffic.start();
                try {
                    await().atMost(WAIT).until(() -> "2".equals(chromium.evaluate(text("connections"))));
                    await().atMost(WAIT).until(() -> !"0".equals(chromium.evaluate(text("in-msgs-rate")))
                            && !"–".equals(chromium.evaluate(text("in-msgs-rate"))));
                    String seen = chromium.evaluate(text("in-msgs"));
                    await().atMost(WAIT).until(() -> !seen.equals(chromium.evaluate(text("in-msgs"))));
                    await().atMost(WAIT).until(() -> chromium.evaluate(text("connections-table")).contains("page-subscriber"));
                    assertThat(chromium.evaluate(text("subscriptions"))).isEqualTo("1");
                    Path screenshot = Path.of("target", "monitor-page.png");
                    Files.write(screenshot, chromium.screenshot());
                    assertThat(Files.size(screenshot)).isGreaterThan(10_000);
                } finally {
                    publishing.set(false);
                    traffic.join();
                }
            }
            await().atMost(WAIT).until(() -> "0".equals(chromium.evaluate(text("connections"))));
        }
    }

    /** About 200 messages a second until told to stop. */
    private static void publish(Connection publisher, AtomicBoolean publishing) {
        byte[] payload = "on the page".getBytes(StandardCharsets.UTF_8);
        try {
            while (publishing.get()) {
                for (int i = 0; i < 20; i++) {
                    publisher.publish("page.traffic", payload);
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String text(String id) {
        return "document.getElementById('" + id + "').textContent";
    }
}
