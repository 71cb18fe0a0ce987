package io.switchboard.monitor;

import io.switchboard.core.json.Json;
import io.switchboard.core.spi.monitor.AccountView;
import io.switchboard.core.spi.monitor.ServerMonitor;
import io.switchboard.core.spi.system.SystemMessage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * nats-server's answers to the requests of the system account, built by the same classes as the
 * HTTP endpoints: {@code {"server":{...},"data":{...}}} for an endpoint, the statistics message
 * for a server ping, nothing when the request's filter leaves this server out.
 */
final class SystemRequests {

    static final String SERVER_PING = "$SYS.REQ.SERVER.PING";
    static final List<String> SERVER_ENDPOINTS =
            List.of("STATSZ", "VARZ", "CONNZ", "SUBSZ", "ROUTEZ", "GATEWAYZ", "LEAFZ", "ACCOUNTZ", "HEALTHZ");
    static final List<String> ACCOUNT_ENDPOINTS = List.of("CONNZ", "SUBSZ", "LEAFZ", "INFO", "STATZ", "CONNS");
    static final String ACCOUNT_PING_STATZ = "$SYS.REQ.ACCOUNT.PING.STATZ";

    private static final int BAD_REQUEST = 400;
    private static final int INTERNAL_ERROR = 500;

    private final ServerMonitor server;
    private final String systemAccount;
    private final ServerIdentity identity;
    private final Statsz statsz;
    private final EndpointAnswers answers;
    /** Sends a reply: subject and body. */
    private final BiConsumer<String, byte[]> send;

    /** {@code send} publishes a reply (subject, body) in the account the requests come from. */
    SystemRequests(ServerMonitor server, EndpointAnswers answers, String systemAccount, ServerIdentity identity,
                   Statsz statsz, BiConsumer<String, byte[]> send) {
        this.server = server;
        this.systemAccount = systemAccount;
        this.identity = identity;
        this.statsz = statsz;
        this.answers = answers;
        this.send = send;
    }

    /** The statistics message, as a ping's answer and the periodic broadcast carry it. */
    byte[] statszMessage() {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("server", identity.next());
        message.put("statsz", statsz.snapshot());
        return bytes(message);
    }

    /** {@code $SYS.REQ.SERVER.PING}, {@code .PING.<endpoint>} and {@code .<id>.<endpoint>}. */
    void server(String endpoint, SystemMessage request, String broadcast) {
        EventOptions options;
        try {
            options = EventOptions.parse(request.payload());
        } catch (IllegalArgumentException e) {
            reply(request.reply() == null && endpoint.equals("STATSZ") ? broadcast : request.reply(),
                    error(BAD_REQUEST, e.getMessage()));
            return;
        }
        if (!options.selects(identity)) {
            return;
        }
        if (endpoint.equals("STATSZ")) {
            reply(request.reply() == null ? broadcast : request.reply(), statszMessage());
            return;
        }
        answer(request.reply(), () -> switch (endpoint) {
            case "VARZ" -> Optional.of(answers.varz().snapshot(Map.of()));
            case "CONNZ" -> Optional.of(answers.connz().answer(options.query(Map.of())));
            case "SUBSZ" -> Optional.of(answers.subsz().full(options.query(Map.of())));
            case "ROUTEZ" -> Optional.of(answers.routez().answer(options.query(Map.of())));
            case "GATEWAYZ" -> Optional.of(answers.gatewayz().answer(options.query(Map.of())));
            case "LEAFZ" -> Optional.of(answers.leafz().answer(options.query(Map.of())));
            case "ACCOUNTZ" -> Optional.of(answers.accountz().accountz(options.query(Map.of())));
            case "HEALTHZ" -> Optional.of(healthz());
            default -> Optional.empty();
        });
    }

    /** {@code $SYS.REQ.ACCOUNT.<account>.<endpoint>}. */
    void account(String account, String endpoint, SystemMessage request) {
        EventOptions options;
        try {
            options = EventOptions.parse(request.payload());
        } catch (IllegalArgumentException e) {
            reply(request.reply(), error(BAD_REQUEST, e.getMessage()));
            return;
        }
        if (!options.selects(identity) || account.equals("PING")) {
            return;
        }
        if (endpoint.equals("CONNS")) {
            // nats-server answers only for an account with connections here
            accountStat(account).filter(SystemRequests::inUse).ifPresent(stat ->
                    reply(request.reply(), TypedEvents.accountConnections(identity, stat)));
            return;
        }
        Map<String, String> scope = Map.of("acc", account);
        answer(request.reply(), () -> switch (endpoint) {
            case "CONNZ" -> Optional.of(answers.connz().answer(options.query(scope)));
            case "SUBSZ" -> Optional.of(answers.subsz().full(options.query(Map.of("acc", account, "subs", "1"))));
            case "LEAFZ" -> Optional.of(answers.leafz().answer(options.query(scope)));
            case "INFO" -> Optional.of(info(account, options));
            case "STATZ" -> statz(List.of(account), options);
            default -> Optional.empty();
        });
    }

    /** {@code $SYS.REQ.ACCOUNT.PING.STATZ}: the accounts named, or all, that have connections here. */
    void accountPing(SystemMessage request) {
        EventOptions options;
        try {
            options = EventOptions.parse(request.payload());
        } catch (IllegalArgumentException e) {
            reply(request.reply(), error(BAD_REQUEST, e.getMessage()));
            return;
        }
        if (options.selects(identity)) {
            answer(request.reply(), () -> statz(options.accounts(), options));
        }
    }

    private Optional<Object> statz(List<String> accounts, EventOptions options) {
        Map<String, Object> all = answers.accountz().accstatz(options.query(Map.of()));
        boolean unused = options.query(Map.of()).bool("unused");
        List<?> stats = ((List<?>) all.get("account_statz")).stream()
                .filter(stat -> accounts.isEmpty() || accounts.contains(((Map<?, ?>) stat).get("acc")))
                .toList();
        if (stats.isEmpty() && !unused) {
            return Optional.empty();
        }
        all.put("account_statz", stats);
        return Optional.of(all);
    }

    private Object info(String account, EventOptions options) {
        Map<String, Object> accountzAnswer = answers.accountz().accountz(options.query(Map.of("acc", account)));
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = new LinkedHashMap<>((Map<String, Object>) accountzAnswer.get("account_detail"));
        if (!account.equals(systemAccount)) {
            List<Object> imports = new ArrayList<>();
            if (detail.get("imports") instanceof List<?> declared) {
                imports.addAll(declared);
            }
            imports.addAll(SystemImports.describe(account, systemAccount));
            detail.put("imports", imports);
        }
        return detail;
    }

    Optional<AccountView> accountStat(String account) {
        return server.accounts().stream().filter(view -> view.name().equals(account)).findFirst();
    }

    private static boolean inUse(AccountView account) {
        return account.clientConnections() + account.leafConnections() > 0;
    }

    private Map<String, Object> healthz() {
        Map<String, Object> status = new LinkedHashMap<>();
        if (server.ready()) {
            status.put("status", "ok");
        } else {
            status.put("status", "unavailable");
            status.put("error", "server not ready for connections");
        }
        return status;
    }

    private interface Answer {
        Optional<Object> get();
    }

    private void answer(String reply, Answer answer) {
        if (reply == null) {
            return;
        }
        Optional<Object> data;
        try {
            data = answer.get();
        } catch (Query.Invalid | IllegalArgumentException e) {
            reply(reply, error(INTERNAL_ERROR, e.getMessage()));
            return;
        }
        data.ifPresent(value -> {
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("server", identity.next());
            response.put("data", value);
            reply(reply, bytes(response));
        });
    }

    private byte[] error(int code, String description) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("description", description);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("server", identity.next());
        response.put("error", error);
        return bytes(response);
    }

    private void reply(String subject, byte[] body) {
        if (subject != null) {
            send.accept(subject, body);
        }
    }

    static byte[] bytes(Object value) {
        return Json.write(value).getBytes(StandardCharsets.UTF_8);
    }
}
