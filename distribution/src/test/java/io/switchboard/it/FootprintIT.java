package io.switchboard.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every plugin is installed, but a broker whose configuration asks for no link, no WebSocket, no
 * MQTT and no decentralized auth loads none of the libraries behind them: no HTTP or MQTT codec,
 * no MQTT store, no JWT parser, no Ed25519 code. The same tree serves those features as soon as
 * its configuration has their block.
 */
class FootprintIT {

    /** Packages that only the optional features use, as they appear in the JVM's class-load log. */
    private static final List<String> HEAVY = List.of(" io.netty.handler.codec.http.", " io.netty.handler.codec.mqtt.",
            " io.switchboard.transport.websocket.HandshakeHandler", " io.switchboard.transport.mqtt.MqttConnection",
            " org.h2.", " com.nimbusds.", " org.bouncycastle.");

    @TempDir
    Path tmp;

    @Test
    void aClientPortOnlyBrokerLoadsNoOptionalFeaturesLibraries() throws Exception {
        Path loads = tmp.resolve("class-loads.txt");
        try (ServerProcess broker = ServerProcess.startIn(ServerProcess.home(), ServerProcess.classLoadLog(loads),
                "-m", "0");
             RawClient client = new RawClient(broker.port())) {
            client.readInfo();
            client.send("CONNECT {\"verbose\":false}\r\nPING\r\n").readUntil("PONG\r\n");
            assertThat(classesFrom(loads)).as("classes of optional features").isEmpty();
            assertThat(broker.stop()).isZero();
        }
    }

    @Test
    void aWebsocketBlockAfterARestartServesWebsocketClients() throws Exception {
        Path config = ServerProcess.configFile("port: -1\n");
        try (ServerProcess broker = ServerProcess.start("-m", "0", "-c", config.toString())) {
            assertThat(broker.stop()).isZero();
        }
        Files.writeString(config, "websocket {\n  port: -1\n  no_tls: true\n}\n");
        Path loads = tmp.resolve("class-loads.txt");
        try (ServerProcess broker = ServerProcess.startIn(ServerProcess.home(), ServerProcess.classLoadLog(loads),
                "-m", "0", "-c", config.toString());
             RawWebSocket ws = new RawWebSocket(broker.websocketPort())) {
            assertThat(ws.send(RawWebSocket.upgrade("/")).readHead()).startsWith("HTTP/1.1 101");
            assertThat(ws.readFrame().text()).startsWith("INFO {");
            assertThat(classesFrom(loads)).anyMatch(l -> l.contains(" io.netty.handler.codec.http."));
            assertThat(broker.stop()).isZero();
        }
    }

    private static List<String> classesFrom(Path loads) throws IOException {
        return Files.readAllLines(loads).stream().filter(l -> HEAVY.stream().anyMatch(l::contains)).toList();
    }
}
