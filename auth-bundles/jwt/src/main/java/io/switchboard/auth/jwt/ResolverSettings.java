package io.switchboard.auth.jwt;

import io.switchboard.core.config.ConfigTree;
import io.switchboard.core.config.ConfigValue;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * nats-server's {@code resolver} setting: {@code MEMORY}, or the block of a directory resolver,
 * {@code resolver { type: full|cache, dir, allow_delete, interval, limit, timeout }}.
 *
 * @param directory where a full resolver keeps its account JWTs; null for the memory resolver
 * @param allowDelete whether {@code $SYS.REQ.CLAIMS.DELETE} may delete them
 */
record ResolverSettings(Path directory, boolean allowDelete) {

    static final ResolverSettings MEMORY = new ResolverSettings(null, false);
    private static final Pattern MEMORY_RESOLVER = Pattern.compile("(?i)(MEM|MEMORY)\\s*");

    boolean isDirectory() {
        return directory != null;
    }

    static ResolverSettings read(ConfigValue resolver) throws InvalidJwtException {
        if (resolver.is(ConfigValue.Kind.STRING) && MEMORY_RESOLVER.matcher(resolver.asString()).find()) {
            return MEMORY;
        }
        if (!resolver.is(ConfigValue.Kind.MAP)) {
            throw new InvalidJwtException("resolver " + resolver.describe()
                    + " is not supported: Switchboard has the MEMORY and the directory resolvers");
        }
        ConfigTree block = resolver.asTree();
        String type = text(block, "type").map(value -> value.toLowerCase(Locale.ROOT)).orElse("");
        if (!type.equals("full") && !type.equals("cache")) {
            throw new InvalidJwtException("resolver type " + (type.isEmpty() ? "missing" : "\"" + type + "\"")
                    + ": the directory resolver is of type full or cache");
        }
        String dir = text(block, "dir").filter(value -> !value.isEmpty())
                .orElseThrow(() -> new InvalidJwtException("the directory resolver needs a dir"));
        boolean allowDelete = block.get("allow_delete").filter(value -> value.is(ConfigValue.Kind.BOOLEAN))
                .map(ConfigValue::asBoolean).orElse(false);
        return new ResolverSettings(Path.of(dir).toAbsolutePath().normalize(), allowDelete);
    }

    private static Optional<String> text(ConfigTree block, String key) {
        return block.get(key).filter(value -> value.is(ConfigValue.Kind.STRING)).map(ConfigValue::asString);
    }
}
