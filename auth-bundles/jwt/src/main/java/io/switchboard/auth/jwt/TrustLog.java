package io.switchboard.auth.jwt;

import org.slf4j.Logger;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Tells what the server trusts, in the lines nats-server logs when it starts with operators. */
final class TrustLog {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx 'UTC'");

    private TrustLog() {
    }

    static void log(Logger log, Trust trust) {
        if (trust.problem().isPresent()) {
            log.error("Trusted operators unusable, every client is refused: {}", trust.problem().get());
            return;
        }
        log.info("Trusted Operators");
        for (OperatorClaims operator : trust.operators()) {
            log.info("  System  : \"{}\"", operator.systemAccount());
            log.info("  Operator: \"{}\"", operator.jwt().name());
            log.info("  Issued  : {}", when(operator.jwt().issuedAt()));
            log.info("  Expires : {}", operator.jwt().expires() == 0 ? "Never" : when(operator.jwt().expires()));
        }
    }

    private static String when(long epochSecond) {
        return WHEN.format(Instant.ofEpochSecond(epochSecond).atOffset(ZoneOffset.UTC));
    }
}
