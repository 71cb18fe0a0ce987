package io.switchboard.core.config;

import io.switchboard.core.spi.auth.Permissions;
import io.switchboard.core.spi.auth.ResponsePermission;
import io.switchboard.core.spi.auth.SubjectRules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a {@code permissions} map as nats-server does: {@code publish} and {@code subscribe}
 * as a subject, a list of subjects (allowed), or a map of {@code allow} and {@code deny};
 * {@code allow_responses} as {@code true} or a map of {@code max} and {@code expires}. Bundles read
 * the permissions of their own blocks with it (a cluster's {@code import} and {@code export} are
 * its publish and subscribe).
 */
public final class PermissionsReader {

    private PermissionsReader() {
    }

    public static Permissions read(ConfigValue value) {
        if (!value.is(ConfigValue.Kind.MAP)) {
            throw new ConfigException(value.position(), "Expected permissions to be a map/struct, got " + value.describe());
        }
        SubjectRules publish = SubjectRules.ALL;
        SubjectRules subscribe = SubjectRules.ALL;
        Optional<ResponsePermission> responses = Optional.empty();
        for (ConfigTree.Entry entry : value.asTree().entries()) {
            switch (entry.key().toLowerCase(Locale.ROOT)) {
                case "pub", "publish", "import" -> publish = rules(entry.value());
                case "sub", "subscribe", "export" -> subscribe = rules(entry.value());
                case "allow_responses", "publish_allow_responses" -> responses = responses(entry.value());
                default -> {
                    if (!entry.referencedAsVariable()) {
                        throw Settings.unknownField(entry);
                    }
                }
            }
        }
        return new Permissions(publish, subscribe, responses);
    }

    private static SubjectRules rules(ConfigValue value) {
        if (!value.is(ConfigValue.Kind.MAP)) {
            return new SubjectRules(subjects(value), List.of());
        }
        List<String> allow = List.of();
        List<String> deny = List.of();
        for (ConfigTree.Entry entry : value.asTree().entries()) {
            switch (entry.key().toLowerCase(Locale.ROOT)) {
                case "allow" -> allow = subjects(entry.value());
                case "deny" -> deny = subjects(entry.value());
                default -> throw new ConfigException(entry.keyPosition(),
                        "Unknown field name \"" + entry.key() + "\" parsing subject permissions");
            }
        }
        return new SubjectRules(allow, deny);
    }

    private static List<String> subjects(ConfigValue value) {
        if (value.is(ConfigValue.Kind.STRING)) {
            return List.of(value.asString());
        }
        if (!value.is(ConfigValue.Kind.ARRAY)) {
            throw new ConfigException(value.position(), "Expected subject permissions to be a subject, or array of subjects, got "
                    + value.describe());
        }
        List<String> subjects = new ArrayList<>();
        for (ConfigValue element : value.asList()) {
            if (!element.is(ConfigValue.Kind.STRING)) {
                throw new ConfigException(element.position(), "Subject in permissions array cannot be cast to string");
            }
            subjects.add(element.asString());
        }
        return subjects;
    }

    private static Optional<ResponsePermission> responses(ConfigValue value) {
        if (value.is(ConfigValue.Kind.BOOLEAN)) {
            return value.asBoolean() ? Optional.of(ResponsePermission.DEFAULT) : Optional.empty();
        }
        if (!value.is(ConfigValue.Kind.MAP)) {
            throw new ConfigException(value.position(), "error parsing response permissions, expected a boolean or a map, got "
                    + value.describe());
        }
        int max = ResponsePermission.DEFAULT.maxMessages();
        Duration expires = ResponsePermission.DEFAULT.expires();
        for (ConfigTree.Entry entry : value.asTree().entries()) {
            switch (entry.key().toLowerCase(Locale.ROOT)) {
                case "max", "max_msgs", "max_messages", "max_responses" -> max = Settings.toInt(entry);
                case "expires", "expiration", "ttl" -> expires = Settings.goDuration(entry);
                default -> throw new ConfigException(entry.keyPosition(),
                        "Unknown field name \"" + entry.key() + "\" parsing response permissions");
            }
        }
        return Optional.of(new ResponsePermission(max, expires));
    }
}
