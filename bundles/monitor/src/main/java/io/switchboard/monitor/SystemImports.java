package io.switchboard.monitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The services every other account takes from the system account, as nats-server imports them
 * into each: its own connections and statistics, from every server that has some.
 */
final class SystemImports {

    /** The subject an account's client requests, and the endpoint of the account it answers with. */
    record Service(String subject, String endpoint) {
    }

    static final List<Service> SERVICES = List.of(new Service("$SYS.REQ.ACCOUNT.PING.CONNZ", "CONNZ"),
            new Service("$SYS.REQ.SERVER.PING.CONNZ", "CONNZ"), new Service("$SYS.REQ.ACCOUNT.PING.STATZ", "STATZ"));

    private SystemImports() {
    }

    /** The imports as {@code $SYS.REQ.ACCOUNT.<account>.INFO} lists them. */
    static List<Map<String, Object>> describe(String account, String systemAccount) {
        List<Map<String, Object>> imports = new ArrayList<>();
        for (Service service : SERVICES) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("subject", service.subject());
            entry.put("account", systemAccount);
            entry.put("to", "$SYS.REQ.ACCOUNT." + account + "." + service.endpoint());
            entry.put("type", "service");
            entry.put("invalid", false);
            entry.put("share", false);
            entry.put("tracking", false);
            imports.add(entry);
        }
        return imports;
    }
}
