package io.switchboard.auth.jwt;

import io.switchboard.core.spi.auth.Permissions;
import io.switchboard.core.spi.auth.SubjectRules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The permission templates of a scoped signing key, filled in for one user as nats-server 2.9 fills
 * them: a token written {@code {{name()}}}, {@code {{subject()}}}, {@code {{account-name()}}},
 * {@code {{account-subject()}}}, {@code {{tag(t)}}} or {@code {{account-tag(t)}}} becomes the user's
 * name, its public key, the account's name, the account's public key, or each value of the user's
 * (the account's) tags {@code t:value}, one subject per value. An allowed subject that comes out
 * invalid (an empty name, a tag the user lacks, an unknown function) is left out; a denied one
 * refuses the user. An allow list that templating empties becomes a deny of {@code >}.
 */
final class PermissionTemplates {

    private static final String OPEN = "{{";
    private static final String CLOSE = "}}";
    private static final String EVERYTHING = ">";

    /** What the templates of one user's scope may refer to. */
    record Subject(String userName, String userKey, List<String> userTags, String accountName, String accountKey,
                   List<String> accountTags) {
    }

    private PermissionTemplates() {
    }

    static Permissions fill(Permissions template, Subject subject) throws InvalidJwtException {
        return new Permissions(fill(template.publish(), subject), fill(template.subscribe(), subject),
                template.responses());
    }

    private static SubjectRules fill(SubjectRules rules, Subject subject) throws InvalidJwtException {
        List<String> allow = fill(rules.allow(), subject, false);
        List<String> deny = new ArrayList<>(fill(rules.deny(), subject, true));
        if (!rules.allow().isEmpty() && allow.isEmpty()) {
            deny.add(EVERYTHING);
        }
        return new SubjectRules(allow, deny);
    }

    /** A list without any template stays as it is, as nats-server leaves it. */
    private static List<String> fill(List<String> patterns, Subject subject, boolean refuseInvalid)
            throws InvalidJwtException {
        if (patterns.stream().noneMatch(PermissionTemplates::templated)) {
            return patterns;
        }
        List<String> filled = new ArrayList<>();
        for (String pattern : patterns) {
            for (String candidate : expand(pattern.split("\\.", -1), 0, subject)) {
                if (valid(candidate)) {
                    filled.add(candidate);
                } else if (refuseInvalid) {
                    throw new InvalidJwtException("generated invalid subject");
                }
            }
        }
        return filled;
    }

    /** Every subject the tokens from {@code from} on stand for: one per combination of tag values. */
    private static List<String> expand(String[] tokens, int from, Subject subject) {
        if (from == tokens.length) {
            return List.of("");
        }
        List<String> rest = expand(tokens, from + 1, subject);
        List<String> expanded = new ArrayList<>();
        for (String value : values(tokens[from], subject)) {
            for (String tail : rest) {
                expanded.add(from + 1 == tokens.length ? value : value + "." + tail);
            }
        }
        return expanded;
    }

    /** What one token stands for: itself, unless it is a template; an empty value makes the subject invalid. */
    private static List<String> values(String token, Subject subject) {
        if (!token.startsWith(OPEN) || !token.endsWith(CLOSE) || token.length() < OPEN.length() + CLOSE.length()) {
            return List.of(token);
        }
        String function = token.substring(OPEN.length(), token.length() - CLOSE.length()).toLowerCase(Locale.ROOT);
        return switch (function) {
            case "name()" -> List.of(subject.userName());
            case "subject()" -> List.of(subject.userKey());
            case "account-name()" -> List.of(subject.accountName());
            case "account-subject()" -> List.of(subject.accountKey());
            default -> {
                if (function.startsWith("account-tag(") && function.endsWith(")")) {
                    yield tagValues(subject.accountTags(), function.substring("account-tag(".length(), function.length() - 1));
                }
                if (function.startsWith("tag(") && function.endsWith(")")) {
                    yield tagValues(subject.userTags(), function.substring("tag(".length(), function.length() - 1));
                }
                yield List.of(" ");
            }
        };
    }

    private static List<String> tagValues(List<String> tags, String name) {
        String prefix = name + ":";
        List<String> values = tags.stream().filter(tag -> tag.startsWith(prefix))
                .map(tag -> tag.substring(prefix.length())).toList();
        return values.isEmpty() ? List.of("") : values;
    }

    /** nats-server's test for a subject: non-empty tokens without whitespace, nothing after {@code >}. */
    private static boolean valid(String subject) {
        String[] tokens = subject.split("\\.", -1);
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            if (token.isEmpty() || token.chars().anyMatch(Character::isWhitespace)
                    || (token.equals(EVERYTHING) && i < tokens.length - 1)) {
                return false;
            }
        }
        return true;
    }

    private static boolean templated(String pattern) {
        for (String token : pattern.split("\\.", -1)) {
            if (token.startsWith(OPEN) && token.endsWith(CLOSE)) {
                return true;
            }
        }
        return false;
    }
}
