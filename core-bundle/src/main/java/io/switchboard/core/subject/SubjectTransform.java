package io.switchboard.core.subject;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites a published subject that a source pattern matched into a destination, the way
 * nats-server 2.9's subject mappings do: each destination token is literal, a wildcard reference
 * ({@code $1}, {@code {{wildcard(1)}}}), or a function of one or more matched tokens
 * ({@code partition}, {@code split}, {@code splitFromLeft}, {@code splitFromRight},
 * {@code sliceFromLeft}, {@code sliceFromRight}). A {@code >} in the destination takes the tokens
 * the source's {@code >} matched. A source without wildcards maps to its destination as written.
 */
public final class SubjectTransform {

    /** What one destination token does with the matched tokens. */
    private enum Kind { LITERAL, WILDCARD, PARTITION, SPLIT, SPLIT_FROM_LEFT, SPLIT_FROM_RIGHT, SLICE_FROM_LEFT, SLICE_FROM_RIGHT }

    /** One destination token: its kind, the source token positions it reads, and its number or delimiter. */
    private record Step(Kind kind, String literal, int[] sources, int number, String delimiter) {
    }

    private static final Pattern ARGUMENT_SEPARATOR = Pattern.compile(",\\s*");
    private static final Pattern WILDCARD = function("[wW]ildcard");
    private static final Pattern PARTITION = function("[pP]artition");
    private static final Pattern SPLIT_FROM_LEFT = function("[sS]plit[fF]rom[lL]eft");
    private static final Pattern SPLIT_FROM_RIGHT = function("[sS]plit[fF]rom[rR]ight");
    private static final Pattern SLICE_FROM_LEFT = function("[sS]lice[fF]rom[lL]eft");
    private static final Pattern SLICE_FROM_RIGHT = function("[sS]lice[fF]rom[rR]ight");
    private static final Pattern SPLIT = function("[sS]plit");
    private static final List<Pattern> FUNCTIONS = List.of(PARTITION, WILDCARD, SPLIT_FROM_LEFT, SPLIT_FROM_RIGHT,
            SLICE_FROM_LEFT, SLICE_FROM_RIGHT, SPLIT);

    static final String INVALID = "invalid mapping destination";
    private static final String BAD_SUBJECT = INVALID + ": invalid subject";
    private static final String NOT_ALL_WILDCARDS = INVALID + ": not using all of the token wildcard(s)";
    private static final String UNKNOWN_FUNCTION = INVALID + ": unknown function";
    private static final String INDEX_OUT_OF_RANGE = INVALID + ": wildcard index out of range";
    private static final String NOT_ENOUGH_ARGUMENTS = INVALID + ": not enough arguments passed to the function";
    private static final String INVALID_ARGUMENT = INVALID + ": function argument is invalid or in the wrong format";
    private static final String TOO_MANY_ARGUMENTS = INVALID + ": too many arguments passed to the function";

    private final String source;
    private final String destination;
    private final int sourceTokens;
    /** Null when the destination is taken as written. */
    private final Step[] steps;
    private final boolean fullWildcard;

    private SubjectTransform(String source, String destination, int sourceTokens, Step[] steps, boolean fullWildcard) {
        this.source = source;
        this.destination = destination;
        this.sourceTokens = sourceTokens;
        this.steps = steps;
        this.fullWildcard = fullWildcard;
    }

    private static Pattern function(String name) {
        return Pattern.compile("\\{\\{\\s*" + name + "\\s*\\((.*)\\)\\s*}}");
    }

    /**
     * Checks {@code destination} alone as nats-server does before it compiles a mapping: no empty
     * token, nothing after {@code >}, only known functions, no whitespace in literal tokens.
     *
     * @throws IllegalArgumentException with nats-server's text when it is not a destination
     */
    public static void validateDestination(String destination) {
        boolean afterFullWildcard = false;
        for (String token : destination.split("\\.", -1)) {
            if (token.isEmpty() || afterFullWildcard) {
                throw new IllegalArgumentException(BAD_SUBJECT + " in " + token);
            }
            if (isFunction(token)) {
                if (FUNCTIONS.stream().noneMatch(f -> f.matcher(token).find())) {
                    throw new IllegalArgumentException(UNKNOWN_FUNCTION + " in " + token);
                }
                continue;
            }
            if (Subjects.isFullWildcard(token)) {
                afterFullWildcard = true;
            } else if (token.chars().anyMatch(c -> c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r')) {
                throw new IllegalArgumentException(BAD_SUBJECT);
            }
        }
    }

    /**
     * Compiles the transform of subjects matching {@code source} into {@code destination}.
     *
     * @throws IllegalArgumentException with nats-server's text when the pair is not a valid mapping
     */
    public static SubjectTransform compile(String source, String destination) {
        String[] from = tokens(source);
        String[] to = tokens(destination);
        if (from == null || to == null || count(to, "*") > 0
                || containsFullWildcard(from) != containsFullWildcard(to)) {
            throw new IllegalArgumentException("invalid subject");
        }
        int partials = count(from, "*");
        boolean full = containsFullWildcard(from);
        if (partials == 0 && !full) {
            return new SubjectTransform(source, destination, from.length, null, false);
        }
        // the n-th * of the source (from 1) sits at this token position
        int[] wildcardPositions = new int[partials + 1];
        for (int i = 0, n = 0; i < from.length; i++) {
            if (from[i].equals("*")) {
                wildcardPositions[++n] = i;
            }
        }
        Step[] steps = new Step[to.length];
        int placeholders = 0;
        for (int t = 0; t < to.length; t++) {
            Step step = step(to[t]);
            if (step.kind() != Kind.LITERAL) {
                placeholders++;
                int[] positions = new int[step.sources().length];
                for (int a = 0; a < positions.length; a++) {
                    int index = step.sources()[a];
                    if (index > partials) {
                        throw new IllegalArgumentException(INDEX_OUT_OF_RANGE + " in " + to[t] + ": [" + index + "]");
                    }
                    // like nats-server, an index below 1 reads the first token
                    positions[a] = index >= 1 ? wildcardPositions[index] : 0;
                }
                step = new Step(step.kind(), null, positions, step.number(), step.delimiter());
            }
            steps[t] = step;
        }
        if (placeholders < partials) {
            throw new IllegalArgumentException(NOT_ALL_WILDCARDS + " in " + destination);
        }
        return new SubjectTransform(source, destination, from.length, steps, full);
    }

    /**
     * The destination that maps the matched subject to itself: {@code foo.*.*} becomes
     * {@code foo.$1.$2}, for the share of traffic weighted destinations leave unmapped.
     */
    public static String identityDestination(String source) {
        StringBuilder out = new StringBuilder();
        int wildcard = 1;
        for (String token : source.split("\\.", -1)) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(token.equals("*") ? "$" + wildcard++ : token);
        }
        return out.toString();
    }

    public String source() {
        return source;
    }

    public String destination() {
        return destination;
    }

    /** Whether the destination is the same for every subject; {@link #apply} then returns it as it is. */
    public boolean isFixed() {
        return steps == null;
    }

    /** Maps a subject the source matched, given as its tokens. */
    public String apply(String[] tokens) {
        if (steps == null) {
            return destination;
        }
        StringBuilder out = new StringBuilder(destination.length() + 16);
        for (int i = 0; i < steps.length; i++) {
            Step step = steps[i];
            if (step.kind() == Kind.LITERAL) {
                if (fullWildcard && i == steps.length - 1) {
                    break;
                }
                out.append(step.literal());
            } else {
                write(step, tokens, out);
            }
            if (i < steps.length - 1) {
                out.append('.');
            }
        }
        if (fullWildcard) {
            for (int i = sourceTokens - 1; i < tokens.length; i++) {
                out.append(tokens[i]);
                if (i < tokens.length - 1) {
                    out.append('.');
                }
            }
        }
        return out.toString();
    }

    /** Maps a subject the source matched. */
    public String apply(String subject) {
        return steps == null ? destination : apply(subject.split("\\.", -1));
    }

    private static void write(Step step, String[] tokens, StringBuilder out) {
        String token = tokens[step.sources()[0]];
        int length = token.length();
        int n = step.number();
        switch (step.kind()) {
            case WILDCARD -> out.append(token);
            case PARTITION -> out.append(partition(step, tokens));
            case SPLIT_FROM_LEFT -> {
                if (n > 0 && n < length) {
                    out.append(token, 0, n).append('.').append(token, n, length);
                } else {
                    out.append(token);
                }
            }
            case SPLIT_FROM_RIGHT -> {
                if (n > 0 && n < length) {
                    out.append(token, 0, length - n).append('.').append(token, length - n, length);
                } else {
                    out.append(token);
                }
            }
            case SLICE_FROM_LEFT -> sliceFromLeft(token, n, out);
            case SLICE_FROM_RIGHT -> sliceFromRight(token, n, out);
            case SPLIT -> split(token, step.delimiter(), out);
            case LITERAL -> throw new IllegalStateException();
        }
    }

    /** Slices of {@code size} from the left, the shorter remainder last. */
    private static void sliceFromLeft(String token, int size, StringBuilder out) {
        int length = token.length();
        if (size <= 0 || size >= length) {
            out.append(token);
            return;
        }
        for (int i = 0; i < length; i += size) {
            if (i > 0) {
                out.append('.');
            }
            out.append(token, i, Math.min(i + size, length));
        }
    }

    /** Slices of {@code size} from the right, the shorter remainder first. */
    private static void sliceFromRight(String token, int size, StringBuilder out) {
        int length = token.length();
        if (size <= 0 || size >= length) {
            out.append(token);
            return;
        }
        int remainder = length % size;
        if (remainder > 0) {
            out.append(token, 0, remainder).append('.');
        }
        for (int i = remainder; i < length; i += size) {
            out.append(token, i, i + size);
            if (i + size < length) {
                out.append('.');
            }
        }
    }

    /**
     * The parts between delimiters as tokens of their own, empty parts dropped, with nats-server's
     * rule for the separators between them (an empty delimiter splits into characters).
     */
    private static void split(String token, String delimiter, StringBuilder out) {
        List<String> parts = new ArrayList<>();
        if (delimiter.isEmpty()) {
            token.chars().forEach(c -> parts.add(String.valueOf((char) c)));
        } else {
            int start = 0;
            for (int at; (at = token.indexOf(delimiter, start)) >= 0; start = at + delimiter.length()) {
                parts.add(token.substring(start, at));
            }
            parts.add(token.substring(start));
        }
        for (int j = 0; j < parts.size(); j++) {
            String part = parts.get(j);
            out.append(part);
            if (j < parts.size() - 1 && !parts.get(j + 1).isEmpty() && !(j == 0 && part.isEmpty())) {
                out.append('.');
            }
        }
    }

    /** FNV-1a (32 bits) of the tokens, end to end, modulo the number of partitions. */
    private static String partition(Step step, String[] tokens) {
        int hash = 0x811c9dc5;
        for (int position : step.sources()) {
            String token = tokens[position];
            for (int i = 0; i < token.length(); i++) {
                hash ^= token.charAt(i) & 0xff;
                hash *= 0x01000193;
            }
        }
        return Long.toString(Integer.toUnsignedLong(hash) % step.number());
    }

    private static Step step(String token) {
        int length = token.length();
        if (length > 1 && token.charAt(0) == '$') {
            try {
                return new Step(Kind.WILDCARD, null, new int[] {Integer.parseInt(token.substring(1))}, -1, null);
            } catch (NumberFormatException notAReference) {
                return literal(token);
            }
        }
        if (!isFunction(token)) {
            return literal(token);
        }
        List<String> args = arguments(WILDCARD, token);
        if (args != null) {
            if (args.size() == 1 && args.get(0).isEmpty()) {
                throw new IllegalArgumentException(NOT_ENOUGH_ARGUMENTS + " in " + token);
            }
            if (args.size() > 1) {
                throw new IllegalArgumentException(TOO_MANY_ARGUMENTS + " in " + token);
            }
            return new Step(Kind.WILDCARD, null, new int[] {integer(args.get(0), token)}, -1, null);
        }
        args = arguments(PARTITION, token);
        if (args != null) {
            if (args.size() < 2) {
                throw new IllegalArgumentException(NOT_ENOUGH_ARGUMENTS + " in " + token);
            }
            int partitions = integer(args.get(0), token);
            int[] sources = new int[args.size() - 1];
            for (int i = 1; i < args.size(); i++) {
                sources[i - 1] = integer(args.get(i), token);
            }
            return new Step(Kind.PARTITION, null, sources, partitions, null);
        }
        Step indexAndNumber = indexAndNumber(SPLIT_FROM_LEFT, Kind.SPLIT_FROM_LEFT, token);
        indexAndNumber = indexAndNumber != null ? indexAndNumber : indexAndNumber(SPLIT_FROM_RIGHT, Kind.SPLIT_FROM_RIGHT, token);
        indexAndNumber = indexAndNumber != null ? indexAndNumber : indexAndNumber(SLICE_FROM_LEFT, Kind.SLICE_FROM_LEFT, token);
        indexAndNumber = indexAndNumber != null ? indexAndNumber : indexAndNumber(SLICE_FROM_RIGHT, Kind.SLICE_FROM_RIGHT, token);
        if (indexAndNumber != null) {
            return indexAndNumber;
        }
        args = arguments(SPLIT, token);
        if (args != null) {
            twoArguments(args, token);
            String delimiter = args.get(1);
            if (delimiter.contains(" ") || delimiter.contains(".")) {
                throw new IllegalArgumentException(INVALID_ARGUMENT + " in " + token);
            }
            return new Step(Kind.SPLIT, null, new int[] {integer(args.get(0), token)}, -1, delimiter);
        }
        throw new IllegalArgumentException(UNKNOWN_FUNCTION + " in " + token);
    }

    private static Step indexAndNumber(Pattern function, Kind kind, String token) {
        List<String> args = arguments(function, token);
        if (args == null) {
            return null;
        }
        twoArguments(args, token);
        return new Step(kind, null, new int[] {integer(args.get(0), token)}, integer(args.get(1), token), null);
    }

    private static void twoArguments(List<String> args, String token) {
        if (args.size() < 2) {
            throw new IllegalArgumentException(NOT_ENOUGH_ARGUMENTS + " in " + token);
        }
        if (args.size() > 2) {
            throw new IllegalArgumentException(TOO_MANY_ARGUMENTS + " in " + token);
        }
    }

    private static Step literal(String token) {
        return new Step(Kind.LITERAL, token, new int[0], -1, null);
    }

    private static boolean isFunction(String token) {
        return token.length() > 4 && token.startsWith("{{") && token.endsWith("}}");
    }

    private static List<String> arguments(Pattern function, String token) {
        Matcher matcher = function.matcher(token);
        return matcher.find() ? List.of(ARGUMENT_SEPARATOR.split(matcher.group(1), -1)) : null;
    }

    private static int integer(String argument, String token) {
        try {
            return Integer.parseInt(trimSpaces(argument));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(INVALID_ARGUMENT + " in " + token);
        }
    }

    private static String trimSpaces(String argument) {
        int start = 0;
        int end = argument.length();
        while (start < end && argument.charAt(start) == ' ') {
            start++;
        }
        while (end > start && argument.charAt(end - 1) == ' ') {
            end--;
        }
        return argument.substring(start, end);
    }

    private static String[] tokens(String subject) {
        if (subject == null || subject.isEmpty()) {
            return null;
        }
        String[] tokens = subject.split("\\.", -1);
        boolean afterFullWildcard = false;
        for (String token : tokens) {
            if (token.isEmpty() || afterFullWildcard) {
                return null;
            }
            afterFullWildcard = Subjects.isFullWildcard(token);
        }
        return tokens;
    }

    private static int count(String[] tokens, String token) {
        int n = 0;
        for (String t : tokens) {
            if (t.equals(token)) {
                n++;
            }
        }
        return n;
    }

    private static boolean containsFullWildcard(String[] tokens) {
        return tokens[tokens.length - 1].equals(">");
    }
}
