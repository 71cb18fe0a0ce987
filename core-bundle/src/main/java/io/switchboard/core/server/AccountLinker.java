package io.switchboard.core.server;

import io.switchboard.core.config.AccountLink;
import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.routing.Account;
import io.switchboard.core.routing.AccountLinks;
import io.switchboard.core.routing.SubjectMapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Turns the configuration's exports and imports into what each importing account takes from the exporters. */
final class AccountLinker {

    private AccountLinker() {
    }

    static void link(ServerOptions options, Function<String, Account> accounts) {
        Map<String, List<AccountLinks.StreamImport>> streams = new HashMap<>();
        Map<String, List<AccountLinks.ServiceRoute>> services = new HashMap<>();
        for (AccountLink.Import imported : options.imports()) {
            Account exporter = accounts.apply(imported.from());
            if (imported.kind() == AccountLink.Kind.STREAM) {
                streams.computeIfAbsent(imported.account(), k -> new ArrayList<>()).add(new AccountLinks.StreamImport(
                        new SubjectMapping(imported.subject(), imported.localSubject()), exporter));
            } else {
                AccountLink.Export export = exportFor(options, imported);
                services.computeIfAbsent(imported.account(), k -> new ArrayList<>()).add(new AccountLinks.ServiceRoute(
                        new SubjectMapping(imported.localSubject(), imported.subject()), exporter,
                        export.streamedResponses(), export.responseThreshold().toNanos()));
            }
        }
        for (String name : options.accounts()) {
            accounts.apply(name).links(new AccountLinks(streams.getOrDefault(name, List.of()),
                    services.getOrDefault(name, List.of())));
        }
    }

    private static AccountLink.Export exportFor(ServerOptions options, AccountLink.Import imported) {
        return options.exports().stream().filter(e -> e.serves(imported)).findFirst().orElseThrow();
    }
}
