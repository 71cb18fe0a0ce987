package io.switchboard.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The class data sharing archive the build writes into the tree: the assembled broker maps the
 * classes of its bundles from it; a copy of the tree at another path cannot use it and starts
 * without it, saying nothing about it.
 */
class ClassArchiveIT {

    private static final String CORE_CLASS = "io.switchboard.core.server.NatsServer source: ";

    @TempDir
    Path tmp;

    @Test
    void theAssembledTreeMapsItsBundlesClassesFromTheArchive() throws Exception {
        Path home = ServerProcess.home();
        assertThat(home.resolve("lib/switchboard.jsa")).isNotEmptyFile();
        Path loads = tmp.resolve("class-loads.txt");
        try (ServerProcess broker = ServerProcess.startIn(home, ServerProcess.classLoadLog(loads))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Files.readAllLines(loads))
                    .anyMatch(l -> l.contains(CORE_CLASS + "shared objects file")));
            assertThat(broker.stop()).isZero();
        }
    }

    @Test
    void aCopyElsewhereStartsWithoutTheArchiveQuietly() throws Exception {
        Path home = Distribution.copyInto(tmp.resolve("home")).home();
        Path loads = tmp.resolve("class-loads.txt");
        try (ServerProcess broker = ServerProcess.startIn(home, ServerProcess.classLoadLog(loads))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Files.readAllLines(loads))
                    .anyMatch(l -> l.contains(CORE_CLASS + "file:")));
            assertThat(broker.log()).noneMatch(l -> l.contains("[warning]") || l.contains("shared archive"));
            assertThat(broker.stop()).isZero();
        }
    }
}
