package io.switchboard.auth.jwt;

import io.switchboard.core.spi.auth.Permissions;
import io.switchboard.core.spi.auth.ResponsePermission;
import io.switchboard.core.spi.auth.SubjectRules;

import java.time.Duration;
import java.util.Optional;

/**
 * The {@code pub}, {@code sub} and {@code resp} of a user JWT (or of an account's default
 * permissions) as the server's permissions: none at all when the JWT sets none, and a response
 * permission with nats-server's defaults for a zero {@code max} or {@code ttl}.
 */
final class JwtPermissions {

    private JwtPermissions() {
    }

    static Optional<Permissions> read(ClaimMap fields) throws InvalidJwtException {
        SubjectRules publish = rules(fields.map("pub"));
        SubjectRules subscribe = rules(fields.map("sub"));
        Optional<ResponsePermission> responses = fields.has("resp") ? Optional.of(responses(fields.map("resp"))) : Optional.empty();
        if (publish.equals(SubjectRules.ALL) && subscribe.equals(SubjectRules.ALL) && responses.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Permissions(publish, subscribe, responses));
    }

    private static SubjectRules rules(ClaimMap permission) throws InvalidJwtException {
        return new SubjectRules(permission.strings("allow"), permission.strings("deny"));
    }

    /** {@code ttl} is a Go duration in nanoseconds. */
    private static ResponsePermission responses(ClaimMap resp) throws InvalidJwtException {
        long max = resp.number("max");
        long ttl = resp.number("ttl");
        return new ResponsePermission(max == 0 ? ResponsePermission.DEFAULT.maxMessages() : (int) max,
                ttl == 0 ? ResponsePermission.DEFAULT.expires() : Duration.ofNanos(ttl));
    }
}
