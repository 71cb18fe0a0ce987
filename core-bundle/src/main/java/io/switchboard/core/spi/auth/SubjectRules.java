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
}
