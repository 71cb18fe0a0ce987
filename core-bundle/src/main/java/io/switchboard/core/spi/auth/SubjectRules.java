package io.switchboard.core.spi.auth;

import java.util.List;

/**
 * Subjects allowed and denied, with wildcards, as nats-server's permissions write them. An
 * empty {@code allow} list allows everything that {@code deny} does not name.
 */
public record SubjectRules(List<String> allow, List<String> deny) {

    public static final SubjectRules ALL = new SubjectRules(List.of(), List.of());

    public SubjectRules {
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
    }

    /**
     * Whether {@code subject} passes: an allowed pattern matches it (no allowed pattern means all)
     * and no denied one does.
     *
     * @since 1.2
     */
    public boolean permits(String subject) {
        return (allow.isEmpty() || matchesAny(allow, subject)) && !matchesAny(deny, subject);
    }

    /** @since 1.2 */
    public static boolean matchesAny(List<String> patterns, String subject) {
        for (String pattern : patterns) {
            if (matches(pattern, subject)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code pattern} covers {@code subject}. Wildcards in the subject are tokens like any
     * other, as in nats-server: the pattern {@code foo.*} covers the subject {@code foo.*}, the
     * pattern {@code foo.bar} does not.
     *
     * @since 1.2
     */
    public static boolean matches(String pattern, String subject) {
        String[] wanted = pattern.split("\\.", -1);
        String[] given = subject.split("\\.", -1);
        for (int i = 0; i < wanted.length; i++) {
            if (wanted[i].equals(">")) {
                return given.length > i;
            }
            if (i >= given.length || !(wanted[i].equals("*") || wanted[i].equals(given[i]))) {
                return false;
            }
        }
        return wanted.length == given.length;
    }
}
