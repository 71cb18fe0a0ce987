package io.switchboard.transport.mqtt;

/**
 * MQTT topics and NATS subjects, mapped by nats-server's rules: a level separator {@code /} is a
 * {@code .}; a {@code /} that starts the topic, ends it or follows another one stays as a level of
 * its own ({@code /a} is {@code /.a}, {@code a//b} is {@code a./.b}, {@code a/} is {@code a./});
 * {@code +} is {@code *} and {@code #} is {@code >}. A topic with {@code .} or a space has no
 * subject.
 */
final class TopicMapping {

    private TopicMapping() {
    }

    /** The subject a PUBLISH to {@code topic} goes to. */
    static String publishSubject(String topic) throws TopicException {
        return toSubject(topic, false);
    }

    /** The subject a SUBSCRIBE to {@code filter} listens on. */
    static String filterSubject(String filter) throws TopicException {
        return toSubject(filter, true);
    }

    private static String toSubject(String topic, boolean wildcards) throws TopicException {
        if (topic.isEmpty()) {
            throw new TopicException("empty topic");
        }
        StringBuilder out = new StringBuilder(topic.length() + 4);
        int end = topic.length() - 1;
        for (int i = 0; i <= end; i++) {
            char c = topic.charAt(i);
            switch (c) {
                case '/' -> {
                    if (i == 0 || out.charAt(out.length() - 1) == '.') {
                        out.append("/.");
                    } else if (i == end || topic.charAt(i + 1) == '/') {
                        out.append("./");
                    } else {
                        out.append('.');
                    }
                }
                case '.', ' ' -> throw new TopicException("unsupported character '" + c + "' in topic \"" + topic + "\"");
                case '+', '#' -> {
                    if (!wildcards) {
                        throw new TopicException("wildcards not allowed in publish's topic: \"" + topic + "\"");
                    }
                    checkWildcardLevel(topic, i, c);
                    out.append(c == '+' ? '*' : '>');
                }
                default -> out.append(c);
            }
        }
        if (out.charAt(out.length() - 1) == '.') {
            out.append('/');
        }
        return out.toString();
    }

    /** [MQTT-4.7.1-2], [MQTT-4.7.1-3]: a wildcard fills its level, and {@code #} is the last one. */
    private static void checkWildcardLevel(String filter, int at, char wildcard) throws TopicException {
        boolean startsLevel = at == 0 || filter.charAt(at - 1) == '/';
        boolean endsLevel = at == filter.length() - 1 || filter.charAt(at + 1) == '/';
        if (!startsLevel || !endsLevel || (wildcard == '#' && at != filter.length() - 1)) {
            throw new TopicException("invalid wildcard in topic filter \"" + filter + "\"");
        }
    }

    /** The topic a message on {@code subject} is delivered with: the rules above, reversed. */
    static String topic(String subject) {
        StringBuilder out = new StringBuilder(subject.length());
        int end = subject.length() - 1;
        for (int i = 0; i <= end; i++) {
            char c = subject.charAt(i);
            if (c == '/') {
                if (!(i == 0 && i < end && subject.charAt(i + 1) == '.')) {
                    out.append('/');
                }
            } else if (c == '.') {
                out.append('/');
                if (i < end && subject.charAt(i + 1) == '/') {
                    i++;
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * {@code a/#} matches {@code a} as well as what is below it, which NATS's {@code a.>} does not:
     * the extra subject to listen on, or null.
     */
    static String parentSubject(String filterSubject) {
        int len = filterSubject.length();
        if (len >= 3 && filterSubject.endsWith(".>")) {
            return filterSubject.substring(0, len - 2);
        }
        return null;
    }

    /** [MQTT-4.7.2-1]: a filter that starts with a wildcard does not match topics that start with {@code $}. */
    static boolean hidesDollarTopics(String filter) {
        return filter.startsWith("+") || filter.startsWith("#");
    }

    /** A topic that cannot be a subject. */
    static final class TopicException extends Exception {
        TopicException(String message) {
            super(message);
        }
    }
}
