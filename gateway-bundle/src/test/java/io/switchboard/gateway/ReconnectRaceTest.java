package io.switchboard.gateway;

import io.switchboard.core.spi.link.LinkUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cluster A learned of cluster B from an inbound connection (nothing configured for B), lost B's
 * server, and makes its single reconnect attempt. A new B server connects in before that attempt
 * fails. A must keep B and connect out to it again, not forget it.
 */
class ReconnectRaceTest {

    private record Dial(RemoteGateway remote, LinkUrl url, CompletableFuture<Void> outcome) {
    }

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final LinkedBlockingQueue<Dial> dials = new LinkedBlockingQueue<>();
    private final GatewayRegistry<String> sut = new GatewayRegistry<>("A", List.of());
    private final Solicitor solicitor = new Solicitor(this::heldBack, scheduler, 0, 0, sut::keepAfterGivingUp,
            () -> true, new Solicitor.ErrorReports(3600, 60));

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private CompletionStage<?> heldBack(RemoteGateway remote, LinkUrl url) {
        Dial dial = new Dial(remote, url, new CompletableFuture<>());
        dials.add(dial);
        return dial.outcome();
    }

    @Test
    void anInboundThatArrivesDuringTheLastAttemptKeepsTheImplicitGateway() throws Exception {
        RemoteGateway b = sut.learn("B", List.of("127.0.0.1:7001"));
        sut.registerInbound("B", "inbound from the old B server");
        solicitor.solicit(b, true, 0);
        nextDial().outcome().complete(null);
        sut.registerOutbound("B", "outbound to the old B server");

        // the old B server dies: both connections go, A makes its one reconnect attempt
        sut.closed("B", "inbound from the old B server");
        sut.closed("B", "outbound to the old B server");
        solicitor.solicit(b, false, 0);
        Dial reconnect = nextDial();

        // the new B server connects in while that attempt is still under way, then the attempt fails
        sut.registerInbound("B", "inbound from the new B server");
        assertThat(sut.learn("B", List.of("127.0.0.1:7002"))).isNull();
        reconnect.outcome().completeExceptionally(new ConnectException("Connection refused"));

        Dial again = nextDial();
        assertThat(again.remote()).isSameAs(b);
        assertThat(sut.remote("B")).isSameAs(b);
        again.outcome().complete(null);
        assertThat(sut.registerOutbound("B", "outbound to the new B server")).isTrue();
    }

    @Test
    void withoutAnInboundTheImplicitGatewayIsForgottenAfterItsAttempts() throws Exception {
        RemoteGateway b = sut.learn("B", List.of("127.0.0.1:7001"));
        solicitor.solicit(b, false, 0);
        nextDial().outcome().completeExceptionally(new ConnectException("Connection refused"));

        scheduler.submit(() -> { }).get(5, TimeUnit.SECONDS);
        assertThat(dials).isEmpty();
        assertThat(sut.remote("B")).isNull();
    }

    @Test
    void anExplicitGatewayIsRetriedAfterEveryRound() throws Exception {
        GatewayRegistry<String> configured = new GatewayRegistry<>("A",
                List.of(new GatewayOptions.Remote("B", List.of(LinkUrl.parse("nats://127.0.0.1:7001", "gateway"))),
                        new GatewayOptions.Remote("A", List.of(LinkUrl.parse("nats://127.0.0.1:7000", "gateway")))));
        assertThat(configured.remotes()).extracting(RemoteGateway::name).containsExactly("B");
        Solicitor explicit = new Solicitor(this::heldBack, scheduler, 0, 0, configured::keepAfterGivingUp,
                () -> true, new Solicitor.ErrorReports(3600, 60));
        explicit.solicit(configured.remote("B"), true, 0);
        for (int round = 0; round < 3; round++) {
            nextDial().outcome().completeExceptionally(new ConnectException("Connection refused"));
        }
        assertThat(nextDial().remote().implicit()).isFalse();
    }

    private Dial nextDial() throws InterruptedException {
        Dial dial = dials.poll(5, TimeUnit.SECONDS);
        assertThat(dial).as("a connect attempt").isNotNull();
        return dial;
    }
}
