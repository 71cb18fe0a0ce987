package io.switchboard.core.spi.auth;

import java.util.Optional;

/**
 * What an admitted client may do. With a response permission and no publish rules of its
 * own, a client may publish responses only, as in nats-server.
 */
public record Permissions(SubjectRules publish, SubjectRules subscribe, Optional<ResponsePermission> responses) {

    /** No restrictions. */
    public static final Permissions ALL = new Permissions(SubjectRules.ALL, SubjectRules.ALL, Optional.empty());
}
