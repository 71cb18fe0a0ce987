package io.switchboard.monitor;

import io.switchboard.core.config.ConfigTree;
import io.switchboard.core.spi.link.LinkKind;
import io.switchboard.core.spi.monitor.LinkView;
import io.switchboard.core.spi.monitor.ServerMonitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * nats-server's {@code /gatewayz}: this server's gateway, its outbound connection to each other
 * cluster and the inbound ones, with the accounts' interest modes on {@code accs=1} or
 * {@code acc_name=}, for one remote gateway with {@code gw_name=}.
 */
final class Gatewayz {

    /** nats-server's number of no-interest replies after which an account switches to interest-only. */
    private static final int INTEREST_ONLY_THRESHOLD = 1000;

    private final ServerMonitor server;

    Gatewayz(ServerMonitor server) {
        this.server = server;
    }

    Map<String, Object> answer(Query query) {
        String gatewayName = query.text("gw_name");
        String accountName = query.text("acc_name");
        boolean accounts = query.bool("accs") || !accountName.isEmpty();
        Instant now = Instant.now();
        Map<String, Object> gatewayz = new LinkedHashMap<>();
        gatewayz.put("server_id", server.info().serverId());
        gatewayz.put("now", GoText.time(now));
        Optional<ConfigTree> block = server.info().options().block("gateway");
        String ownName = VarzBlocks.gatewayName(server.info().options());
        Map<String, Object> outbound = new TreeMap<>();
        Map<String, List<Object>> inbound = new TreeMap<>();
        if (!ownName.isEmpty()) {
            gatewayz.put("name", ownName);
            gatewayz.put("host", server.info().options().host());
            VarzBlocks.port(block.get()).ifPresent(port -> gatewayz.put("port", port));
            for (LinkView gateway : server.links(LinkKind.GATEWAY, false)) {
                String remote = gateway.description().remoteName();
                if (!gatewayName.isEmpty() && !gatewayName.equals(remote)) {
                    continue;
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("configured", gateway.description().configured());
                entry.put("connection", LinkFields.connInfo(gateway, "Gateway", now));
                if (accounts) {
                    List<Map<String, Object>> modes = modes(gateway, accountName);
                    if (!modes.isEmpty()) {
                        entry.put("accounts", modes);
                    }
                }
                if (gateway.description().solicited()) {
                    outbound.put(remote, entry);
                } else {
                    inbound.computeIfAbsent(remote, name -> new ArrayList<>()).add(entry);
                }
            }
        }
        // nats-server has no map at all for a named gateway it has no outbound connection to
        gatewayz.put("outbound_gateways", outbound.isEmpty() && !gatewayName.isEmpty() ? null : outbound);
        gatewayz.put("inbound_gateways", inbound);
        return gatewayz;
    }

    private static List<Map<String, Object>> modes(LinkView gateway, String accountName) {
        List<Map<String, Object>> modes = new ArrayList<>();
        gateway.description().interestModes().forEach((account, mode) -> {
            if (accountName.isEmpty() || accountName.equals(account)) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", account);
                entry.put("interest_mode", mode);
                entry.put("interest_only_threshold", INTEREST_ONLY_THRESHOLD);
                modes.add(entry);
            }
        });
        return modes;
    }
}
