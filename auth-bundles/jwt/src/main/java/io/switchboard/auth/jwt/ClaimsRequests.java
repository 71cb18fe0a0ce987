package io.switchboard.auth.jwt;

import io.switchboard.core.json.Json;
import io.switchboard.core.spi.system.Registration;
import io.switchboard.core.spi.system.SystemHost;
import io.switchboard.core.spi.system.SystemMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * A full resolver's requests on the system account, as {@code nsc push} sends them to nats-server:
 * {@code $SYS.REQ.CLAIMS.UPDATE} and {@code $SYS.REQ.ACCOUNT.<account>.CLAIMS.UPDATE} (and the older
 * {@code $SYS.ACCOUNT.<account>.CLAIMS.UPDATE}) store an account JWT a trusted operator signed,
 * {@code $SYS.REQ.ACCOUNT.<account>.CLAIMS.LOOKUP} answers with the JWT held, {@code $SYS.REQ.CLAIMS.LIST}
 * with the accounts held. Every server of a cluster subscribes, so one request updates them all, and
 * the clients connected to the account take the new JWT at once.
 */
final class ClaimsRequests {

    private static final Logger LOG = LoggerFactory.getLogger(ClaimsRequests.class);
    private static final int OK = 200;
    private static final int FAILED = 500;

    private final SystemHost host;
    private final String systemAccount;
    private final AccountDirectory directory;
    private final Supplier<Trust> trust;
    private final Runnable changed;
    private final Executor work;
    private final List<Registration> registrations = new ArrayList<>();

    /** {@code changed} has connected clients decided about again, once a stored JWT changed. */
    ClaimsRequests(SystemHost host, String systemAccount, AccountDirectory directory, Supplier<Trust> trust,
                   Runnable changed, Executor work) {
        this.changed = changed;
        this.host = host;
        this.systemAccount = systemAccount;
        this.directory = directory;
        this.trust = trust;
        this.work = work;
    }

    AccountDirectory directory() {
        return directory;
    }

    void start() {
        subscribe("$SYS.REQ.CLAIMS.UPDATE", request -> update(null, request));
        subscribe("$SYS.REQ.ACCOUNT.*.CLAIMS.UPDATE", request -> update(token(request, 3), request));
        subscribe("$SYS.ACCOUNT.*.CLAIMS.UPDATE", request -> update(token(request, 2), request));
        subscribe("$SYS.REQ.ACCOUNT.*.CLAIMS.LOOKUP", this::lookup);
        subscribe("$SYS.REQ.CLAIMS.LIST", this::list);
        LOG.info("Managing all jwt in exclusive directory {}", directory.directory());
    }

    void stop() {
        registrations.forEach(Registration::cancel);
        registrations.clear();
    }

    private interface Handler {
        void handle(SystemMessage request);
    }

    private void subscribe(String subject, Handler handler) {
        registrations.add(host.subscribe(systemAccount, subject, request -> work.execute(() -> handler.handle(request))));
    }

    private static String token(SystemMessage request, int index) {
        return request.subject().split("\\.")[index];
    }

    /** {@code account} is the one the subject names, null when it names none. */
    private void update(String account, SystemMessage request) {
        String jwt = new String(request.payload(), StandardCharsets.UTF_8).trim();
        AccountClaims claims;
        try {
            claims = AccountClaims.decode(jwt);
        } catch (InvalidJwtException e) {
            respond(request.reply(), "n/a", "jwt update resulted in error", e.getMessage());
            return;
        }
        String subject = claims.jwt().subject();
        Trust current = trust.get();
        if (!current.trustedKeys().contains(claims.jwt().issuer())) {
            respond(request.reply(), subject, "jwt validation failed", "not trusted");
        } else if (account != null && !account.equals(subject)) {
            respond(request.reply(), account, "jwt update resulted in error", "subject does not match jwt content");
        } else {
            try {
                if (directory.save(subject, jwt)) {
                    LOG.info("Account JWT {} updated", subject);
                    changed.run();
                }
                respond(request.reply(), subject, "jwt updated", null);
            } catch (IOException e) {
                respond(request.reply(), subject, "jwt update resulted in error", e.getMessage());
            }
        }
    }

    private void lookup(SystemMessage request) {
        String jwt = directory.accounts().get(token(request, 3));
        if (request.reply() != null && jwt != null) {
            host.publish(systemAccount, request.reply(), null, null, jwt.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void list(SystemMessage request) {
        if (request.reply() == null) {
            return;
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("server", host.stamp());
        response.put("data", List.copyOf(new TreeSet<>(directory.accounts().keySet())));
        send(request.reply(), response);
    }

    /** nats-server's answer to an update: {@code data} with the code and message, or {@code error} with a description. */
    private void respond(String reply, String account, String message, String error) {
        if (error != null) {
            LOG.error("{} - {} - {}", message, account, error);
        }
        if (reply == null) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("account", account);
        body.put("code", error == null ? OK : FAILED);
        if (error == null) {
            body.put("message", message);
        } else {
            body.put("description", message + " - " + error);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("server", host.stamp());
        response.put(error == null ? "data" : "error", body);
        send(reply, response);
    }

    private void send(String reply, Map<String, Object> response) {
        host.publish(systemAccount, reply, null, null, Json.write(response).getBytes(StandardCharsets.UTF_8));
    }
}
