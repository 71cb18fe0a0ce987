package io.switchboard.core.config;

import io.switchboard.core.subject.SubjectMappingRules;
import io.switchboard.core.subject.Subjects;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a {@code mappings} block, top-level or an account's: each source subject with one
 * destination, or a list of weighted ones. Every mapping is checked as nats-server checks it when
 * it loads the configuration, with its error texts.
 */
final class MappingsReader {

    private MappingsReader() {
    }

    static List<AccountMapping> read(String account, ConfigTree.Entry block) {
        ConfigTree mappings = Settings.expect(block, ConfigValue.Kind.MAP).asTree();
        List<AccountMapping> read = new ArrayList<>();
        for (ConfigTree.Entry entry : mappings.entries()) {
            String source = entry.key();
            if (!Subjects.isValidSubject(source)) {
                throw new ConfigException(entry.keyPosition(), "Subject \"" + source + "\" is not a valid subject");
            }
            ConfigValue value = entry.value();
            List<AccountMapping.Destination> destinations = new ArrayList<>();
            String written;
            if (value.is(ConfigValue.Kind.STRING)) {
                written = value.asString();
                destinations.add(new AccountMapping.Destination(written, 100, ""));
            } else if (value.is(ConfigValue.Kind.ARRAY)) {
                for (ConfigValue element : value.asList()) {
                    destinations.add(destination(element));
                }
                written = String.join(", ", destinations.stream().map(AccountMapping.Destination::subject).toList());
            } else if (value.is(ConfigValue.Kind.MAP)) {
                destinations.add(destination(value));
                written = destinations.get(0).subject();
            } else {
                throw new ConfigException(value.position(), "Unknown type " + value.describe() + " for mapping destination");
            }
            try {
                SubjectMappingRules.check(source, destinations.stream()
                        .map(d -> new SubjectMappingRules.Weighted(d.subject(), d.weight(), d.cluster())).toList());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(value.position(), "Error adding mapping for \"" + source + "\" to \""
                        + written + "\" : " + e.getMessage());
            }
            read.add(new AccountMapping(account, source, destinations, entry.keyPosition()));
        }
        return read;
    }

    private static AccountMapping.Destination destination(ConfigValue value) {
        if (!value.is(ConfigValue.Kind.MAP)) {
            throw new ConfigException(value.position(), "Expected an entry for the mapping destination");
        }
        String subject = "";
        String cluster = "";
        Integer weight = null;
        for (ConfigTree.Entry field : value.asTree().entries()) {
            switch (field.key().toLowerCase(Locale.ROOT)) {
                case "dest", "destination" -> subject = Settings.string(field);
                case "weight" -> weight = weight(field.value());
                case "cluster" -> cluster = Settings.string(field);
                default -> throw new ConfigException(field.value().position(),
                        "Unknown field \"" + field.key() + "\" for mapping destination");
            }
        }
        if (weight == null) {
            throw new ConfigException(value.position(), "Missing weight for mapping destination \"" + subject + "\"");
        }
        return new AccountMapping.Destination(subject, weight, cluster);
    }

    /** A number from 0 to 100, or the same as a string with an optional {@code %}. */
    private static int weight(ConfigValue value) {
        long weight;
        if (value.is(ConfigValue.Kind.STRING)) {
            String written = value.asString();
            String digits = written.endsWith("%") ? written.substring(0, written.length() - 1) : written;
            try {
                weight = Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw new ConfigException(value.position(), "Invalid weight \"" + digits + "\" for mapping destination");
            }
        } else if (value.is(ConfigValue.Kind.INTEGER)) {
            weight = value.asLong();
        } else {
            throw new ConfigException(value.position(), "Unknown entry type for weight of " + value.describe());
        }
        if (weight < 0 || weight > 100) {
            throw new ConfigException(value.position(), "Invalid weight " + weight + " for mapping destination");
        }
        return (int) weight;
    }
}
