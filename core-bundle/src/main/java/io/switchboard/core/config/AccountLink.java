package io.switchboard.core.config;

import io.switchboard.core.subject.Subjects;

import java.time.Duration;
import java.util.List;

/**
 * What one account shares with others ({@code exports}) and takes from them ({@code imports}),
 * as an {@code accounts} block writes it.
 */
public final class AccountLink {

    /** Streams deliver published messages; services carry requests and route their replies back. */
    public enum Kind { STREAM, SERVICE }

    /** How long a service's responder may take to answer, as nats-server's default response threshold. */
    public static final Duration DEFAULT_RESPONSE_THRESHOLD = Duration.ofMinutes(2);

    /**
     * An export of {@code account}: {@code subject} (wildcards allowed) offered to {@code accounts},
     * or to every account when that list is empty. A service answers each request once, or with
     * a stream of responses when {@code streamedResponses}, within {@code responseThreshold}.
     */
    public record Export(String account, Kind kind, String subject, List<String> accounts, boolean streamedResponses,
                         Duration responseThreshold, Position position) {
        public Export {
            accounts = List.copyOf(accounts);
        }

        /** True when this export covers {@code imported}: same account, kind, a subject within it, the importer let in. */
        public boolean serves(Import imported) {
            return account.equals(imported.from()) && kind == imported.kind()
                    && Subjects.isSubsetMatch(imported.subject(), subject)
                    && (accounts.isEmpty() || accounts.contains(imported.account()));
        }
    }

    /**
     * An import into {@code account} from {@code from}'s export of {@code subject}. A stream
     * arrives under {@code prefix.subject} (or {@code to} in place of the subject); a service is
     * requested locally on {@code to}, or on its own subject when {@code to} is empty.
     */
    public record Import(String account, Kind kind, String from, String subject, String to, String prefix,
                         Position position) {

        /** The subject the importing account publishes or subscribes on. */
        public String localSubject() {
            if (!to.isEmpty()) {
                return to;
            }
            return prefix.isEmpty() ? subject : prefix + "." + subject;
        }
    }

    private AccountLink() {
    }
}
