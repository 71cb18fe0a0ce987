package io.switchboard.auth.jwt;

import io.switchboard.core.spi.auth.Permissions;

import java.util.List;
import java.util.Optional;

/**
 * What a user JWT (or a scoped signing key's template) allows: the jwt library's
 * {@code UserPermissionLimits}. Limits the JWT leaves out are zero, as nats-server reads them:
 * zero subscriptions and a zero payload; -1 is no limit.
 *
 * @param connectionTypes the {@code allowed_connection_types}; empty allows every type
 * @param empty true when the JWT sets none of these at all, as users of scoped signing keys must
 */
record UserRights(Optional<Permissions> permissions, long maxSubscriptions, long maxPayload, SourceNetworks sources,
                  ConnectTimes times, List<String> connectionTypes, boolean bearer, boolean empty) {

    static UserRights read(ClaimMap fields) throws InvalidJwtException {
        Optional<Permissions> permissions = JwtPermissions.read(fields);
        SourceNetworks sources = SourceNetworks.read(fields);
        ConnectTimes times = ConnectTimes.read(fields);
        List<String> connectionTypes = fields.strings("allowed_connection_types");
        boolean bearer = fields.flag("bearer_token");
        boolean empty = permissions.isEmpty() && sources.isEmpty() && times.windows().isEmpty()
                && fields.string("times_location").isEmpty() && connectionTypes.isEmpty() && !bearer
                && fields.number("subs") == 0 && fields.number("data") == 0 && fields.number("payload") == 0;
        return new UserRights(permissions, fields.number("subs"), fields.number("payload"), sources, times,
                connectionTypes, bearer, empty);
    }

    /** These rights with {@code filled} in place of their permissions: a scope's template filled in for one user. */
    UserRights withPermissions(Optional<Permissions> filled) {
        return new UserRights(filled, maxSubscriptions, maxPayload, sources, times, connectionTypes, bearer, empty);
    }
}
