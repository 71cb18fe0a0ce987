package io.switchboard.core.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventLoopsTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(EventLoops.IO_THREADS_PROPERTY);
    }

    @Test
    void oneLoopPerCoreButOneAndAtLeastOne() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(EventLoops.ioThreads()).isEqualTo(Math.max(1, cores - 1));
    }

    @Test
    void thePropertySetsTheNumber() {
        System.setProperty(EventLoops.IO_THREADS_PROPERTY, "3");
        assertThat(EventLoops.ioThreads()).isEqualTo(3);
    }

    @Test
    void aNumberBelowOneOrNoNumberIsIgnored() {
        System.setProperty(EventLoops.IO_THREADS_PROPERTY, "0");
        int byCores = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        assertThat(EventLoops.ioThreads()).isEqualTo(byCores);
        System.setProperty(EventLoops.IO_THREADS_PROPERTY, "many");
        assertThat(EventLoops.ioThreads()).isEqualTo(byCores);
    }
}
