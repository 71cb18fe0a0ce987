package io.switchboard.gateway;

import io.switchboard.core.spi.link.LinkUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Connects to a remote gateway, trying its URLs in random order, round after round: an explicit
 * gateway for ever, an implicit one {@code connect_retries} more rounds, unless the registry wants
 * it kept (a server of that cluster connected in meanwhile).
 */
final class Solicitor {

    private static final Logger LOG = LoggerFactory.getLogger(Solicitor.class);

    private final Dialer dialer;
    private final ScheduledExecutorService scheduler;
    private final long delayMillis;
    private final int connectRetries;
    private final Predicate<RemoteGateway> keepAfterGivingUp;
    private final BooleanSupplier running;
    private final ErrorReports reports;

    /** How often repeated connect errors are logged at error level rather than debug. */
    record ErrorReports(int firstConnect, int reconnect) {
        boolean report(boolean first, int attempts) {
            int every = first ? firstConnect : reconnect;
            return attempts == 1 || (every > 0 && attempts % every == 0);
        }
    }

    Solicitor(Dialer dialer, ScheduledExecutorService scheduler, long delayMillis, int connectRetries,
              Predicate<RemoteGateway> keepAfterGivingUp, BooleanSupplier running, ErrorReports reports) {
        this.dialer = dialer;
        this.scheduler = scheduler;
        this.delayMillis = delayMillis;
        this.connectRetries = connectRetries;
        this.keepAfterGivingUp = keepAfterGivingUp;
        this.running = running;
        this.reports = reports;
    }

    /** Starts connecting to {@code remote}, after {@code delayMillis}. */
    void solicit(RemoteGateway remote, boolean firstConnect, long afterMillis) {
        scheduler.schedule(() -> round(remote, firstConnect, 1), afterMillis, TimeUnit.MILLISECONDS);
    }

    private void round(RemoteGateway remote, boolean firstConnect, int attempts) {
        if (!running.getAsBoolean()) {
            return;
        }
        List<LinkUrl> urls = remote.urlsToTry();
        if (urls.isEmpty()) {
            return;
        }
        tryUrl(remote, firstConnect, attempts, urls, 0);
    }

    private void tryUrl(RemoteGateway remote, boolean firstConnect, int attempts, List<LinkUrl> urls, int index) {
        if (index == urls.size()) {
            roundFailed(remote, firstConnect, attempts);
            return;
        }
        LinkUrl url = urls.get(index);
        String type = remote.implicit() ? "implicit" : "explicit";
        boolean report = reports.report(firstConnect, attempts);
        log(report, false, "Connecting to {} gateway \"{}\" ({}) at {} (attempt {})",
                type, remote.name(), url.hostPort(), url.hostPort(), attempts);
        dialer.dial(remote, url).whenComplete((connected, failure) -> {
            if (failure == null) {
                return;
            }
            log(report, true, "Error connecting to {} gateway \"{}\" ({}) at {} (attempt {}): {}",
                    type, remote.name(), url.hostPort(), url.hostPort(), attempts, failure.getMessage());
            if (running.getAsBoolean()) {
                tryUrl(remote, firstConnect, attempts, urls, index + 1);
            }
        });
    }

    private void roundFailed(RemoteGateway remote, boolean firstConnect, int attempts) {
        if (remote.implicit() && (connectRetries == 0 || attempts > connectRetries)
                && !keepAfterGivingUp.test(remote)) {
            LOG.debug("Giving up on implicit gateway \"{}\"", remote.name());
            return;
        }
        scheduler.schedule(() -> round(remote, firstConnect, attempts + 1), delayMillis, TimeUnit.MILLISECONDS);
    }

    private static void log(boolean report, boolean error, String format, Object... args) {
        if (!report) {
            LOG.debug(format, args);
        } else if (error) {
            LOG.error(format, args);
        } else {
            LOG.info(format, args);
        }
    }
}
