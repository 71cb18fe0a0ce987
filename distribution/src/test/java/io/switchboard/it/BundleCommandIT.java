package io.switchboard.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/switchboard bundle} against a running broker: list, install, update and uninstall a
 * plugin through the monitoring port, and the requests it refuses.
 */
class BundleCommandIT {

    private static final String EXAMPLE = "io.switchboard.switchboard-auth-example";

    @TempDir
    Path tmp;

    private record Result(int status, String out, String err) {
    }

    @Test
    void listInstallUpdateAndUninstallAPluginOfARunningBroker() throws Exception {
        Distribution dist = Distribution.copyInto(tmp.resolve("home"));
        Files.writeString(dist.home().resolve("conf/example-users.properties"), "alice = s3cret\n");
        Path plugin = Path.of(System.getProperty("example.plugin"));
        try (ServerProcess broker = ServerProcess.startIn(dist.home(), "-m", "-1")) {
            String port = Integer.toString(broker.monitorPort());
            MonitorClient monitor = new MonitorClient(broker.monitorPort());

            Result list = bundle(dist, "-m", port, "list");
            assertThat(list.status()).isZero();
            assertThat(list.out()).containsPattern("ACTIVE +\\S+ +io\\.switchboard\\.switchboard-websocket +switchboard-websocket\\.jar");

            Result installed = bundle(dist, "-m", port, "install", plugin.toString());
            assertThat(installed.status()).as(installed.err()).isZero();
            assertThat(installed.out()).startsWith("Installed ").contains("ACTIVE", EXAMPLE);
            assertThat(dist.deployed(plugin.getFileName().toString())).exists();
            assertThat(broker.log()).anyMatch(l -> l.contains("Authenticator \"example-file\" available"));

            Path release = dist.release(plugin.getFileName().toString(), 9);
            Result updated = bundle(dist, "-m", port, "update", EXAMPLE, release.toString());
            assertThat(updated.status()).as(updated.err()).isZero();
            assertThat(updated.out()).startsWith("Updated ").contains(Distribution.bundleVersion(release));
            assertThat(monitor.active(EXAMPLE, Distribution.bundleVersion(release))).isTrue();

            Result restarted = bundle(dist, "-m", port, "update", plugin.getFileName().toString());
            assertThat(restarted.status()).as(restarted.err()).isZero();
            assertThat(restarted.out()).startsWith("Updated ").contains(Distribution.bundleVersion(release));

            Result uninstalled = bundle(dist, "-m", port, "uninstall", EXAMPLE);
            assertThat(uninstalled.status()).as(uninstalled.err()).isZero();
            assertThat(uninstalled.out()).startsWith("Uninstalled bundle ");
            assertThat(dist.deployed(plugin.getFileName().toString())).doesNotExist();
            assertThat(monitor.bundle(EXAMPLE)).isEmpty();
            assertThat(broker.log()).anyMatch(l -> l.contains("Authenticator \"example-file\" gone"));
        }
    }

    @Test
    void refusesWhatItDoesNotManage() throws Exception {
        Distribution dist = Distribution.copyInto(tmp.resolve("home"));
        try (ServerProcess broker = ServerProcess.startIn(dist.home(), "-m", "-1")) {
            String port = Integer.toString(broker.monitorPort());
            MonitorClient monitor = new MonitorClient(broker.monitorPort());

            Result core = bundle(dist, "-m", port, "update", "io.switchboard.switchboard-core");
            assertThat(core.status()).isEqualTo(1);
            assertThat(core.err()).contains("is not a plugin of the deploy folder");
            Result missing = bundle(dist, "-m", port, "install", tmp.resolve("nothing.jar").toString());
            assertThat(missing.status()).isEqualTo(1);
            assertThat(missing.err()).contains("no such file");
            Result unknown = bundle(dist, "-m", port, "frobnicate");
            assertThat(unknown.status()).isEqualTo(2);
            assertThat(unknown.err()).contains("unknown command");

            assertThat(monitor.get("/bundlez/uninstall?bundle=switchboard-websocket.jar").statusCode()).isEqualTo(405);
            assertThat(monitor.send(monitor.request("/bundlez/uninstall?bundle=switchboard-websocket.jar")
                    .header("Origin", "http://example.com").POST(HttpRequest.BodyPublishers.noBody()))
                    .statusCode()).isEqualTo(403);
            assertThat(dist.deployed("switchboard-websocket.jar")).exists();
        }
        Result noBroker = bundle(dist, "-m", Integer.toString(Distribution.freePort()), "list");
        assertThat(noBroker.status()).isEqualTo(1);
        assertThat(noBroker.err()).contains("[FTL] No broker answers on its monitoring port");
    }

    private static Result bundle(Distribution dist, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(dist.home().resolve("bin/switchboard").toString(), "bundle"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dist.home(), "bundle", ".out");
        Path err = Files.createTempFile(dist.home(), "bundle", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("bin/switchboard bundle did not finish: " + command);
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
