package io.switchboard.monitor;

import io.switchboard.core.spi.monitor.AccountView;
import io.switchboard.core.spi.monitor.ServerMonitor;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * nats-server's {@code /accountz} (the accounts, or one in detail with {@code acc=}) and
 * {@code /accstatz} (each account's connections and traffic; those without connections only with
 * {@code unused=1}).
 */
final class Accountz {

    private final ServerMonitor server;

    Accountz(ServerMonitor server) {
        this.server = server;
    }

    Map<String, Object> accountz(Query query) {
        String name = query.text("acc");
        List<AccountView> accounts = server.accounts();
        Map<String, Object> accountz = new LinkedHashMap<>();
        accountz.put("server_id", server.info().serverId());
        accountz.put("now", GoText.time(Instant.now()));
        systemAccount().ifPresent(system -> accountz.put("system_account", system));
        if (name.isEmpty()) {
            accountz.put("accounts", accounts.stream().map(AccountView::name).toList());
            return accountz;
        }
        AccountView account = accounts.stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new Query.Invalid("Account " + name + " does not exist"));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("account_name", account.name());
        // accounts are made when the server starts or loads its configuration
        detail.put("update_time", GoText.time(server.info().start()));
        if (systemAccount().filter(account.name()::equals).isPresent()) {
            detail.put("is_system", true);
        }
        detail.put("expired", false);
        detail.put("complete", true);
        detail.put("jetstream_enabled", false);
        detail.put("leafnode_connections", account.leafConnections());
        detail.put("client_connections", account.clientConnections());
        detail.put("subscriptions", account.index().subscriptions());
        detail.put("sublist_stats", Subsz.stats(List.of(account.index())));
        accountz.put("account_detail", detail);
        return accountz;
    }

    Map<String, Object> accstatz(Query query) {
        boolean unused = query.bool("unused");
        List<Map<String, Object>> stats = server.accounts().stream()
                .filter(account -> unused || account.clientConnections() + account.leafConnections() > 0)
                .map(Accountz::stat).toList();
        Map<String, Object> accstatz = new LinkedHashMap<>();
        accstatz.put("server_id", server.info().serverId());
        accstatz.put("now", GoText.time(Instant.now()));
        accstatz.put("account_statz", stats);
        return accstatz;
    }

    private static Map<String, Object> stat(AccountView account) {
        Map<String, Object> stat = new LinkedHashMap<>();
        stat.put("acc", account.name());
        stat.put("conns", account.clientConnections());
        stat.put("leafnodes", account.leafConnections());
        stat.put("total_conns", account.clientConnections() + account.leafConnections());
        stat.put("sent", Map.of("msgs", account.outMsgs(), "bytes", account.outBytes()));
        stat.put("received", Map.of("msgs", account.inMsgs(), "bytes", account.inBytes()));
        stat.put("slow_consumers", account.slowConsumers());
        return stat;
    }

    private Optional<String> systemAccount() {
        return server.info().options().raw("system_account").map(value -> value.asString());
    }
}
