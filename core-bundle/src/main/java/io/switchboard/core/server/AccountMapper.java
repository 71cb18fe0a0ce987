package io.switchboard.core.server;

import io.switchboard.core.config.AccountMapping;
import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.routing.Account;
import io.switchboard.core.spi.auth.AccountSettings;
import io.switchboard.core.subject.SubjectMappingRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Gives each account the subject mappings it has: the configured accounts those of the
 * configuration, the accounts of authenticators those their admissions bring.
 */
final class AccountMapper {

    private static final Logger LOG = LoggerFactory.getLogger(AccountMapper.class);
    private static final String GLOBAL_ACCOUNT = "$G";

    private AccountMapper() {
    }

    /** The configuration's mappings, replacing those of every configured account. */
    static void map(ServerOptions options, Function<String, Account> accounts, Supplier<String> cluster) {
        Map<String, Map<String, List<SubjectMappingRules.Weighted>>> byAccount = new LinkedHashMap<>();
        for (AccountMapping mapping : options.mappings()) {
            byAccount.computeIfAbsent(mapping.account(), a -> new LinkedHashMap<>()).put(mapping.source(),
                    mapping.destinations().stream()
                            .map(d -> new SubjectMappingRules.Weighted(d.subject(), d.weight(), d.cluster()))
                            .toList());
        }
        Stream.concat(Stream.of(GLOBAL_ACCOUNT), options.accounts().stream()).forEach(name -> {
            Map<String, List<SubjectMappingRules.Weighted>> mappings = byAccount.get(name);
            accounts.apply(name).mappings(mappings == null ? null : SubjectMappingRules.of(mappings, cluster));
        });
    }

    /**
     * The mappings an authenticator's admission brings, as nats-server takes an account JWT's: a
     * weight of 0 stands for 100, and a mapping it cannot add is logged and left out.
     */
    static void settle(Account account, AccountSettings settings, Supplier<String> cluster) {
        Map<String, List<SubjectMappingRules.Weighted>> usable = new LinkedHashMap<>();
        settings.mappings().forEach((source, destinations) -> {
            List<SubjectMappingRules.Weighted> weighted = destinations.stream()
                    .map(d -> new SubjectMappingRules.Weighted(d.subject(), d.weight() == 0 ? 100 : d.weight(), d.cluster()))
                    .toList();
            try {
                SubjectMappingRules.check(source, weighted);
                usable.put(source, weighted);
            } catch (IllegalArgumentException e) {
                LOG.error("Error adding mapping for \"{}\" in account {}: {}", source, account.name(), e.getMessage());
            }
        });
        account.mappings(usable.isEmpty() ? null : SubjectMappingRules.of(usable, cluster));
    }
}
