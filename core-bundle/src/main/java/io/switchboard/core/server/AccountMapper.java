package io.switchboard.core.server;

import io.switchboard.core.config.AccountMapping;
import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.routing.Account;
import io.switchboard.core.subject.SubjectMappingRules;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** Gives each account the subject mappings the configuration has for it, and none to the others. */
final class AccountMapper {

    private AccountMapper() {
    }

    static void map(ServerOptions options, Collection<Account> known, Function<String, Account> accounts,
                    Supplier<String> cluster) {
        Map<String, Map<String, List<SubjectMappingRules.Weighted>>> byAccount = new LinkedHashMap<>();
        for (AccountMapping mapping : options.mappings()) {
            byAccount.computeIfAbsent(mapping.account(), a -> new LinkedHashMap<>()).put(mapping.source(),
                    mapping.destinations().stream()
                            .map(d -> new SubjectMappingRules.Weighted(d.subject(), d.weight(), d.cluster()))
                            .toList());
        }
        known.forEach(account -> account.mappings(null));
        byAccount.forEach((name, mappings) -> accounts.apply(name).mappings(SubjectMappingRules.of(mappings, cluster)));
    }
}
