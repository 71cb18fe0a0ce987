package io.switchboard.it;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The template authenticator used the way its README says: built against the SPI jar, its jar
 * dropped into {@code deploy/} of a running broker whose configuration requires it, and removed
 * again. Until it is there, and once it is gone, its users are refused.
 */
class ExampleAuthenticatorIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path tmp;

    @Test
    void pluginDroppedIntoDeployAdmitsItsUsersAndItsRemovalShutsThemOut() throws Exception {
        Path home = Distribution.copyInto(tmp.resolve("home")).home();
        Files.writeString(home.resolve("conf/example-users.properties"), "alice = s3cret\n");
        Path conf = tmp.resolve("example.conf");
        Files.writeString(conf, "authorization { authenticators: [\"example-file\"] }\n");
        try (EmbeddedBroker broker = EmbeddedBroker.start(home, tmp.resolve("broker.log"), "-c", conf.toString())) {
            String url = broker.url();
            assertThat(broker.logText()).contains(
                    "No authenticator for example-file after 5 s: clients that need it are refused until it comes");
            assertThatThrownBy(() -> connect(url, "alice", "s3cret")).hasMessageContaining("Authorization Violation");

            Path deployed = home.resolve("deploy/switchboard-auth-example.jar");
            Files.copy(Path.of(System.getProperty("example.plugin")), deployed);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                try (Connection alice = connect(url, "alice", "s3cret")) {
                    return alice.getStatus() == Connection.Status.CONNECTED;
                }
            });
            assertThatThrownBy(() -> connect(url, "alice", "wrong")).hasMessageContaining("Authorization Violation");
            assertThatThrownBy(() -> connect(url, "mallory", "s3cret")).hasMessageContaining("Authorization Violation");
            assertThat(broker.logText()).contains("Authenticator \"example-file\" available");

            Files.delete(deployed);
            await().atMost(Duration.ofSeconds(30)).until(() -> broker.logText().contains("Authenticator \"example-file\" gone"));
            assertThatThrownBy(() -> connect(url, "alice", "s3cret")).hasMessageContaining("Authorization Violation");
        }
    }

    private static Connection connect(String url, String user, String password) throws Exception {
        return Nats.connect(new Options.Builder().server(url).userInfo(user, password).maxReconnects(0)
                .connectionTimeout(WAIT).build());
    }
}
