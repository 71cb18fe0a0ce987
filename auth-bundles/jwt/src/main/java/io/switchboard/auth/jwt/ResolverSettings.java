package io.switchboard.auth.jwt;

import io.switchboard.core.config.ConfigException;
import io.switchboard.core.config.ConfigTree;
import io.switchboard.core.config.ConfigValue;
import io.switchboard.core.config.Durations;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nats-server's {@code resolver} setting: {@code MEMORY}, {@code URL("http://host:port/jwt/v1/accounts/")},
 * or the block of a directory resolver, {@code resolver { type: full|cache, dir, allow_delete, interval,
 * limit, ttl, timeout }}, with nats-server's defaults.
 *
 * @param kind which resolver
 * @param url the base a URL resolver appends account public keys to, ending in {@code /}; null for others
 * @param directory where a directory resolver keeps its account JWTs; null for the others
 * @param allowDelete whether {@code $SYS.REQ.CLAIMS.DELETE} may delete them
 * @param limit how many JWTs a directory resolver keeps at most
 * @param ttl how long a cache resolver keeps a JWT; zero for ever
 * @param interval how often a full resolver compares its JWTs with the other servers'
 * @param timeout how long a lookup of a missing account waits
 */
record ResolverSettings(Kind kind, URI url, Path directory, boolean allowDelete, long limit, Duration ttl,
                        Duration interval, Duration timeout) {

    enum Kind { MEMORY, URL, FULL, CACHE }

    /** nats-server's {@code DEFAULT_ACCOUNT_FETCH_TIMEOUT}, for HTTP fetches and lookups alike. */
    static final Duration FETCH_TIMEOUT = Duration.ofMillis(1900);
    static final ResolverSettings MEMORY = new ResolverSettings(Kind.MEMORY, null, null, false, 0, Duration.ZERO,
            Duration.ZERO, FETCH_TIMEOUT);
    private static final long CACHE_LIMIT = 1_000;
    private static final Duration SYNC_INTERVAL = Duration.ofMinutes(1);
    private static final Pattern MEMORY_RESOLVER = Pattern.compile("(?i)(MEM|MEMORY)\\s*");
    private static final Pattern URL_RESOLVER = Pattern.compile("(?i)URL\\(\\s*\"?([^\\s\"]*)\"?\\s*\\)\\s*");

    boolean isDirectory() {
        return directory != null;
    }

    static ResolverSettings read(ConfigValue resolver) throws InvalidJwtException {
        if (resolver.is(ConfigValue.Kind.STRING)) {
            return named(resolver);
        }
        if (!resolver.is(ConfigValue.Kind.MAP)) {
            throw new InvalidJwtException("error parsing operator resolver, wrong type " + resolver.describe());
        }
        ConfigTree block = resolver.asTree();
        String type = text(block, "type").map(value -> value.toLowerCase(Locale.ROOT)).orElse("");
        if (!type.equals("full") && !type.equals("cache")) {
            throw new InvalidJwtException("error parsing account resolver, should be MEM or URL(\"url\") or a map"
                    + " containing dir and type state=[FULL|CACHE])");
        }
        String dir = text(block, "dir").filter(value -> !value.isEmpty())
                .orElseThrow(() -> new InvalidJwtException("dir has no value and needs to point to a directory"));
        boolean allowDelete = block.get("allow_delete").filter(value -> value.is(ConfigValue.Kind.BOOLEAN))
                .map(ConfigValue::asBoolean).orElse(false);
        long limit = block.get("limit").filter(value -> value.is(ConfigValue.Kind.INTEGER)).map(ConfigValue::asLong)
                .orElse(0L);
        Duration ttl = duration(block, "ttl", Duration.ZERO);
        Duration interval = duration(block, "interval", Duration.ZERO);
        Duration timeout = duration(block, "timeout", FETCH_TIMEOUT);
        Path path = Path.of(dir).toAbsolutePath().normalize();
        if (type.equals("cache")) {
            if (!interval.isZero()) {
                throw new InvalidJwtException("CACHE does not accept sync");
            }
            if (allowDelete) {
                throw new InvalidJwtException("CACHE does not accept allow_delete");
            }
            return new ResolverSettings(Kind.CACHE, null, path, false, limit <= 0 ? CACHE_LIMIT : limit, ttl,
                    Duration.ZERO, timeout);
        }
        if (!ttl.isZero()) {
            throw new InvalidJwtException("FULL does not accept ttl");
        }
        return new ResolverSettings(Kind.FULL, null, path, allowDelete, limit == 0 ? Long.MAX_VALUE : limit,
                Duration.ZERO, interval.isNegative() || interval.isZero() ? SYNC_INTERVAL : interval, timeout);
    }

    private static ResolverSettings named(ConfigValue resolver) throws InvalidJwtException {
        String text = resolver.asString();
        if (MEMORY_RESOLVER.matcher(text).find()) {
            return MEMORY;
        }
        Matcher url = URL_RESOLVER.matcher(text);
        if (!url.find()) {
            throw new InvalidJwtException("error parsing account resolver, should be MEM or URL(\"url\") or a map"
                    + " containing dir and type state=[FULL|CACHE])");
        }
        String base = url.group(1).endsWith("/") ? url.group(1) : url.group(1) + "/";
        try {
            URI uri = new URI(base);
            if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).startsWith("http")
                    || uri.getHost() == null) {
                throw new URISyntaxException(base, "not an http URL");
            }
            return new ResolverSettings(Kind.URL, uri, null, false, 0, Duration.ZERO, Duration.ZERO, FETCH_TIMEOUT);
        } catch (URISyntaxException e) {
            throw new InvalidJwtException("error parsing account resolver url \"" + url.group(1) + "\": " + e.getReason());
        }
    }

    private static Duration duration(ConfigTree block, String key, Duration otherwise) throws InvalidJwtException {
        Optional<ConfigValue> value = block.get(key);
        if (value.isEmpty()) {
            return otherwise;
        }
        try {
            return Durations.parse(value.get());
        } catch (ConfigException e) {
            throw new InvalidJwtException(key + ": " + e.reason());
        }
    }

    private static Optional<String> text(ConfigTree block, String key) {
        return block.get(key).filter(value -> value.is(ConfigValue.Kind.STRING)).map(ConfigValue::asString);
    }
}
