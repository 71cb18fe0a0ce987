package io.switchboard.auth.jwt;

import io.switchboard.core.config.ConfigTree;
import io.switchboard.core.config.ConfigValue;
import io.switchboard.core.config.ServerOptions;
import io.switchboard.core.nkey.NKeys;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whom the server trusts, from nats-server's settings: {@code operator} (JWTs inline or in files)
 * or {@code trusted_keys}, the resolver ({@code MEMORY}, a URL resolver's fetched accounts or a directory) with the
 * account JWTs of {@code resolver_preload}, and {@code system_account}.
 *
 * @param trustedKeys the operator keys whose account JWTs are trusted
 * @param strictIssuers the signing keys of operators with {@code strict_signing_key_usage}
 * @param accounts the account JWTs the resolver holds, by account public key
 * @param problem why this configuration cannot be used, as nats-server would refuse to start with it
 */
record Trust(List<OperatorClaims> operators, Set<String> trustedKeys, Set<String> strictIssuers,
             Map<String, String> accounts, String systemAccount, Optional<String> problem) {

    /** Every JWT, once encoded, starts with this: an operator setting that does not is a file name. */
    private static final String JWT_PREFIX = "eyJ";
    /** A JWT inside a decorated file (a creds file or nsc's output) between its dashed lines. */
    private static final Pattern DECORATED = Pattern.compile("\\s*-{3,}[^\\n]*-{3,}\\r?\\n([\\w\\-.=]+)\\r?\\n-{3,}[^\\n]*-{3,}");

    /** True when the configuration names trusted operators at all: then every client needs a user JWT. */
    static boolean configured(ServerOptions options) {
        return options.raw("operator").isPresent() || options.raw("trusted_keys").isPresent();
    }

    /**
     * Where a resolver keeps its account JWTs: the directory of a directory resolver, the accounts a URL
     * resolver fetched; each is opened once, however often the options are read.
     */
    interface Directories {
        AccountDirectory open(Path directory) throws IOException;

        default Map<String, String> fetched(URI base) {
            return new ConcurrentHashMap<>();
        }
    }

    static Trust read(ServerOptions options, Directories directories) {
        try {
            return readValid(options, directories);
        } catch (InvalidJwtException e) {
            return new Trust(List.of(), Set.of(), Set.of(), Map.of(), "", Optional.of(e.getMessage()));
        }
    }

    private static Trust readValid(ServerOptions options, Directories directories) throws InvalidJwtException {
        List<OperatorClaims> operators = new ArrayList<>();
        for (String source : strings(options.raw("operator"), "operators")) {
            operators.add(operator(source));
        }
        List<String> keys = strings(options.raw("trusted_keys"), "trusted_keys");
        if (!operators.isEmpty() && !keys.isEmpty()) {
            throw new InvalidJwtException("conflicting options for 'TrustedKeys' and 'TrustedOperators'");
        }
        Set<String> trusted = new HashSet<>(keys);
        Set<String> strict = new HashSet<>();
        for (OperatorClaims operator : operators) {
            if (!operator.strictSigningKeys()) {
                trusted.add(operator.jwt().subject());
            } else {
                strict.addAll(operator.signingKeys());
            }
            trusted.addAll(operator.signingKeys());
        }
        for (String key : trusted) {
            if (!NKeys.isPublicKey(NKeys.PREFIX_OPERATOR, key)) {
                throw new InvalidJwtException("trusted Keys \"" + key + "\" are required to be a valid public operator nkey");
            }
        }
        if (!operators.isEmpty() && options.raw("resolver").isEmpty()) {
            throw new InvalidJwtException("operators require an account resolver to be configured");
        }
        String systemAccount = options.raw("system_account").filter(v -> v.is(ConfigValue.Kind.STRING))
                .map(ConfigValue::asString)
                .orElse(operators.isEmpty() ? "" : operators.get(0).systemAccount());
        return new Trust(List.copyOf(operators), Set.copyOf(trusted), Set.copyOf(strict), preloads(options, directories),
                systemAccount, Optional.empty());
    }

    private static OperatorClaims operator(String source) throws InvalidJwtException {
        String text;
        try {
            text = Files.readString(Path.of(source));
        } catch (IOException | RuntimeException e) {
            if (!source.startsWith(JWT_PREFIX)) {
                throw new InvalidJwtException("error parsing operator JWT: cannot read " + source);
            }
            text = source;
        }
        Matcher decorated = DECORATED.matcher(text);
        try {
            return OperatorClaims.decode(decorated.find() ? decorated.group(1) : text.trim());
        } catch (InvalidJwtException e) {
            throw new InvalidJwtException("error parsing operator JWT: " + e.getMessage());
        }
    }

    /**
     * The account JWTs of the resolver: the preloaded ones for the memory resolver; for a full
     * resolver the live contents of its directory, the preloaded ones stored there when missing.
     */
    private static Map<String, String> preloads(ServerOptions options, Directories directories)
            throws InvalidJwtException {
        Optional<ConfigValue> resolver = options.raw("resolver");
        if (resolver.isEmpty()) {
            return Map.of();
        }
        ResolverSettings settings = ResolverSettings.read(resolver.get());
        Map<String, String> preloaded = memoryPreloads(options);
        if (settings.kind() == ResolverSettings.Kind.URL) {
            if (!preloaded.isEmpty()) {
                throw new InvalidJwtException("resolver preloads only available for writeable resolver types MEM/DIR/CACHE_DIR");
            }
            return directories.fetched(settings.url());
        }
        if (!settings.isDirectory()) {
            return preloaded;
        }
        try {
            AccountDirectory directory = directories.open(settings.directory());
            for (Map.Entry<String, String> account : preloaded.entrySet()) {
                directory.saveIfAbsent(account.getKey(), account.getValue());
            }
            return directory.accounts();
        } catch (IOException e) {
            throw new InvalidJwtException("resolver directory " + settings.directory() + " unusable: " + e.getMessage());
        }
    }

    private static Map<String, String> memoryPreloads(ServerOptions options) throws InvalidJwtException {
        Map<String, String> accounts = new LinkedHashMap<>();
        Optional<ConfigValue> preload = options.raw("resolver_preload");
        if (preload.isEmpty()) {
            return accounts;
        }
        if (!preload.get().is(ConfigValue.Kind.MAP)) {
            throw new InvalidJwtException("preload should be a map of account_public_key:account_jwt");
        }
        for (ConfigTree.Entry entry : preload.get().asTree().entries()) {
            if (!entry.value().is(ConfigValue.Kind.STRING)) {
                throw new InvalidJwtException("preload map value should be a string JWT");
            }
            try {
                AccountClaims.decode(entry.value().asString());
            } catch (InvalidJwtException e) {
                throw new InvalidJwtException("invalid account JWT for " + entry.key() + ": " + e.getMessage());
            }
            accounts.put(entry.key(), entry.value().asString());
        }
        return accounts;
    }

    private static List<String> strings(Optional<ConfigValue> value, String setting) throws InvalidJwtException {
        List<ConfigValue> elements = value.map(v -> v.is(ConfigValue.Kind.ARRAY) ? v.asList() : List.of(v)).orElse(List.of());
        List<String> strings = new ArrayList<>();
        for (ConfigValue element : elements) {
            if (!element.is(ConfigValue.Kind.STRING)) {
                throw new InvalidJwtException("error parsing " + setting + ": unsupported type " + element.describe());
            }
            strings.add(element.asString());
        }
        return strings;
    }
}
