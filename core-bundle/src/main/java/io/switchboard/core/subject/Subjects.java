package io.switchboard.core.subject;

import java.util.Arrays;

/**
 * Validation and matching of subjects, with the rules of nats-server.
 *
 * <p>A subject is a sequence of non-empty tokens separated by {@code '.'}. A token that is exactly
 * {@code *} matches any single token, a token that is exactly {@code >} matches one or more
 * trailing tokens and must therefore be the last one. Wildcard characters inside a longer token
 * ({@code foo*}, {@code >bar}) have no special meaning: such tokens are literals.
 */
public final class Subjects {

    public static final char SEPARATOR = '.';
    public static final String PARTIAL_WILDCARD = "*";
    public static final String FULL_WILDCARD = ">";

    private Subjects() {
    }

    /**
     * Whether {@code subject} may be subscribed to: non-empty tokens, no whitespace, and nothing after
     * a {@code >} token.
     */
    public static boolean isValidSubject(String subject) {
        if (subject == null || subject.isEmpty()) {
            return false;
        }
        int length = subject.length();
        int tokenStart = 0;
        boolean afterFullWildcard = false;
        for (int i = 0; i <= length; i++) {
            char c = i == length ? SEPARATOR : subject.charAt(i);
            if (c == SEPARATOR) {
                if (i == tokenStart || afterFullWildcard) {
                    return false;
                }
                afterFullWildcard = i - tokenStart == 1 && subject.charAt(tokenStart) == '>';
                tokenStart = i + 1;
            } else if (isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code subject} may be published to: a valid subject without wildcard tokens. */
    public static boolean isValidPublishSubject(String subject) {
        return isValidSubject(subject) && isLiteral(subject);
    }

    /**
     * Whether {@code subject} has no wildcard token. This does not validate the subject, so it is
     * cheap enough for a per-message path.
     */
    public static boolean isLiteral(String subject) {
        int last = subject.length() - 1;
        for (int i = 0; i <= last; i++) {
            char c = subject.charAt(i);
            if ((c == '*' || c == '>')
                    && (i == 0 || subject.charAt(i - 1) == SEPARATOR)
                    && (i == last || subject.charAt(i + 1) == SEPARATOR)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code queue} may name a queue group. The protocol separates arguments with whitespace,
     * so a queue name is any non-empty run of other characters.
     */
    public static boolean isValidQueueName(String queue) {
        if (queue == null || queue.isEmpty()) {
            return false;
        }
        for (int i = 0; i < queue.length(); i++) {
            if (isWhitespace(queue.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a message published on {@code subject} reaches a subscription on {@code pattern}. The
     * tokens of {@code subject} are taken literally, even {@code *} and {@code >}: those are matched
     * only by wildcards of the pattern, exactly as {@link SubjectIndex#match} does.
     */
    public static boolean subjectMatches(String pattern, String subject) {
        int patternLength = pattern.length();
        int subjectLength = subject.length();
        int p = 0;
        int s = 0;
        while (true) {
            if (s > subjectLength) {
                return false;
            }
            int patternEnd = tokenEnd(pattern, p);
            int subjectEnd = tokenEnd(subject, s);
            int tokenLength = patternEnd - p;
            boolean wildcard = tokenLength == 1 && (pattern.charAt(p) == '*' || pattern.charAt(p) == '>');
            if (wildcard && pattern.charAt(p) == '>') {
                return true;
            }
            if (!wildcard && (tokenLength != subjectEnd - s
                    || !pattern.regionMatches(p, subject, s, tokenLength))) {
                return false;
            }
            p = patternEnd + 1;
            s = subjectEnd + 1;
            if (p > patternLength) {
                return s > subjectLength;
            }
        }
    }

    /**
     * Whether every subject matched by {@code subject} is also matched by {@code test}; both may
     * contain wildcards. {@code foo.*} is a subset of {@code >}, {@code *.*} and {@code foo.*}, but
     * not of {@code foo.bar}. Invalid subjects are never a subset.
     */
    public static boolean isSubsetMatch(String subject, String test) {
        return isSubsetMatch(split(subject), split(test));
    }

    /** Whether some literal subject is matched by both {@code first} and {@code second}. */
    public static boolean subjectsCollide(String first, String second) {
        if (first.equals(second)) {
            return true;
        }
        String[] a = split(first);
        String[] b = split(second);
        boolean aLiteral = isLiteral(first);
        boolean bLiteral = isLiteral(second);
        if (aLiteral && bLiteral) {
            return false;
        }
        if (aLiteral) {
            return isSubsetMatch(a, b);
        }
        if (bLiteral) {
            return isSubsetMatch(b, a);
        }
        boolean aOpen = isFullWildcard(a[a.length - 1]);
        boolean bOpen = isFullWildcard(b[b.length - 1]);
        // Only a trailing '>' lets a shorter pattern reach the extra tokens of a longer one.
        if ((a.length < b.length && !aOpen) || (b.length < a.length && !bOpen)) {
            return false;
        }
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (!isWildcard(a[i]) && !isWildcard(b[i]) && !a[i].equals(b[i])) {
                return false;
            }
        }
        return true;
    }

    /** The number of tokens of {@code subject}; 0 for the empty string. */
    /**
     * The subjects matched by both patterns, as one pattern: {@code from_a.>} and {@code *.news.x}
     * give {@code from_a.news.x}; null when no subject matches both.
     */
    public static String overlap(String first, String second) {
        String[] a = split(first);
        String[] b = split(second);
        StringBuilder out = new StringBuilder(Math.max(first.length(), second.length()));
        for (int i = 0; ; i++) {
            boolean aEnd = i == a.length;
            boolean bEnd = i == b.length;
            if (aEnd || bEnd) {
                return aEnd && bEnd ? out.toString() : null;
            }
            if (i > 0) {
                out.append(SEPARATOR);
            }
            if (isFullWildcard(a[i]) || isFullWildcard(b[i])) {
                String[] rest = isFullWildcard(a[i]) ? b : a;
                return out.append(String.join(".", Arrays.asList(rest).subList(i, rest.length))).toString();
            }
            if (isPartialWildcard(a[i])) {
                out.append(b[i]);
            } else if (isPartialWildcard(b[i]) || a[i].equals(b[i])) {
                out.append(a[i]);
            } else {
                return null;
            }
        }
    }

    public static int numTokens(String subject) {
        if (subject.isEmpty()) {
            return 0;
        }
        int count = 1;
        for (int i = 0; i < subject.length(); i++) {
            if (subject.charAt(i) == SEPARATOR) {
                count++;
            }
        }
        return count;
    }

    /** The token at zero-based {@code index}, or {@code null} when the subject has fewer tokens. */
    public static String tokenAt(String subject, int index) {
        if (index < 0 || subject.isEmpty()) {
            return null;
        }
        int start = 0;
        for (int i = 0; i < index; i++) {
            int end = subject.indexOf(SEPARATOR, start);
            if (end < 0) {
                return null;
            }
            start = end + 1;
        }
        return subject.substring(start, tokenEnd(subject, start));
    }

    /** Whether {@code token} is the single-token wildcard {@code *}. */
    public static boolean isPartialWildcard(String token) {
        return token.length() == 1 && token.charAt(0) == '*';
    }

    /** Whether {@code token} is the trailing wildcard {@code >}. */
    public static boolean isFullWildcard(String token) {
        return token.length() == 1 && token.charAt(0) == '>';
    }

    /**
     * The tokens of {@code subject}, or {@code null} when one of them is empty (which also covers the
     * empty subject).
     */
    static String[] tokenize(String subject) {
        int length = subject.length();
        if (length == 0) {
            return null;
        }
        String[] tokens = new String[numTokens(subject)];
        int start = 0;
        for (int t = 0; t < tokens.length; t++) {
            int end = tokenEnd(subject, start);
            if (end == start) {
                return null;
            }
            tokens[t] = subject.substring(start, end);
            start = end + 1;
        }
        return tokens;
    }

    /**
     * The literal tokens of {@code pattern} before its first wildcard, each followed by the
     * separator. Every subject the pattern matches starts with it, which makes it a cheap filter.
     */
    static String literalPrefix(String pattern) {
        int start = 0;
        while (start < pattern.length()) {
            int end = tokenEnd(pattern, start);
            if (end - start == 1 && (pattern.charAt(start) == '*' || pattern.charAt(start) == '>')) {
                break;
            }
            start = end + 1;
        }
        return pattern.substring(0, Math.min(start, pattern.length()));
    }

    static boolean isSubsetMatch(String[] subject, String[] test) {
        for (int i = 0; i < test.length; i++) {
            if (i >= subject.length || test[i].isEmpty()) {
                return false;
            }
            if (isFullWildcard(test[i])) {
                return true;
            }
            String token = subject[i];
            if (token.isEmpty() || isFullWildcard(token)) {
                return false;
            }
            if (isPartialWildcard(token) ? !isPartialWildcard(test[i])
                    : !isPartialWildcard(test[i]) && !token.equals(test[i])) {
                return false;
            }
        }
        return subject.length == test.length;
    }

    private static String[] split(String subject) {
        String[] tokens = new String[Math.max(1, numTokens(subject))];
        int start = 0;
        for (int t = 0; t < tokens.length; t++) {
            int end = tokenEnd(subject, start);
            tokens[t] = subject.substring(start, end);
            start = end + 1;
        }
        return tokens;
    }

    private static boolean isWildcard(String token) {
        return isPartialWildcard(token) || isFullWildcard(token);
    }

    private static int tokenEnd(String subject, int start) {
        int end = subject.indexOf(SEPARATOR, start);
        return end < 0 ? subject.length() : end;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }
}
