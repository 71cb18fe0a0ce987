package io.switchboard.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompareTableTest {

    @Test
    void showsTheMedianOfEachServerAndTheRatioToTheFirstServer() {
        CompareTable sut = new CompareTable();
        for (String line : new String[] {
                "1→1\t16 B\tnats.go\tnats-server\tmsgs/s\t1000",
                "1→1\t16 B\tnats.go\tswitchboard\tmsgs/s\t1500",
                "1→1\t16 B\tnats.go\tnats-server\tmsgs/s\t3000",
                "1→1\t16 B\tnats.go\tswitchboard\tmsgs/s\t900",
                "1→1\t16 B\tnats.go\tnats-server\tmsgs/s\t2000",
                "1→1\t16 B\tnats.go\tswitchboard\tmsgs/s\t3000",
                "request/reply\t16 B\tnats.go\tnats-server\tp99 µs\t80",
                "request/reply\t16 B\tnats.go\tswitchboard\tp99 µs\t60"}) {
            sut.add(line);
        }
        assertThat(sut.markdown()).isEqualTo("""
                | scenario | payload | client | metric | nats-server | switchboard | switchboard ÷ nats-server |
                |---|---|---|---|---|---|---|
                | 1→1 | 16 B | nats.go | msgs/s | 2,000 | 1,500 | 0.75 |
                | request/reply | 16 B | nats.go | p99 µs | 80.0 | 60.0 | 0.75 |
                """);
    }

    @Test
    void failedRunsAreCountedAndLeftOutOfTheMedian() {
        CompareTable sut = new CompareTable();
        sut.add("1→1\t16 KiB\tnats.go\tnats-server\tmsgs/s\t20000");
        sut.add("1→1\t16 KiB\tnats.go\tswitchboard\tmsgs/s\tfail");
        sut.add("1→1\t16 KiB\tnats.go\tswitchboard\tmsgs/s\t30000");
        sut.add("4→1\t16 KiB\tnats.go\tnats-server\tmsgs/s\t20000");
        sut.add("4→1\t16 KiB\tnats.go\tswitchboard\tmsgs/s\tfail");
        assertThat(sut.markdown()).contains("| 1→1 | 16 KiB | nats.go | msgs/s | 20,000 | 30,000 (1 failed) | 1.50 |")
                .contains("| 4→1 | 16 KiB | nats.go | msgs/s | 20,000 | failed | – |");
    }

    @Test
    void theGrowthTableDividesEachServerByItsOwnFigureAtTheSmallestWork() {
        CompareTable sut = new CompareTable();
        for (String line : new String[] {
                "connection set-up\t10000 connections\traw sockets\tnats-server\tconnections/s\t900",
                "connection set-up\t10000 connections\traw sockets\tswitchboard\tconnections/s\t500",
                "connection set-up\t1000 connections\traw sockets\tnats-server\tconnections/s\t1000",
                "connection set-up\t1000 connections\traw sockets\tswitchboard\tconnections/s\t1000"}) {
            sut.add(line);
        }
        assertThat(sut.growth()).isEqualTo("""

                connection set-up, connections/s (raw sockets)

                | work | × | nats-server | switchboard | nats-server ÷ at 1× | switchboard ÷ at 1× |
                |---|---|---|---|---|---|
                | 1000 connections | 1× | 1,000 | 1,000 | 1.00 | 1.00 |
                | 10000 connections | 10× | 900 | 500 | 0.90 | 0.50 |
                """);
    }

    @Test
    void rejectsALineWithoutSixFields() {
        assertThatThrownBy(() -> new CompareTable().add("1→1\t16 B\tmsgs/s\t1"))
                .hasMessageContaining("6 tab-separated fields");
    }
}
