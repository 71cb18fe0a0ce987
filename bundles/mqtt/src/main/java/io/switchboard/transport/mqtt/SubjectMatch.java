package io.switchboard.transport.mqtt;

/** Whether a NATS subject with wildcards matches a literal one, token by token. */
final class SubjectMatch {

    private SubjectMatch() {
    }

    static boolean matches(String filter, String subject) {
        int f = 0;
        int s = 0;
        while (true) {
            int fEnd = tokenEnd(filter, f);
            String token = filter.substring(f, fEnd);
            if (token.equals(">")) {
                return s < subject.length();
            }
            int sEnd = tokenEnd(subject, s);
            boolean same = token.equals("*") || token.length() == sEnd - s && subject.startsWith(token, s);
            if (!same) {
                return false;
            }
            boolean filterDone = fEnd >= filter.length();
            boolean subjectDone = sEnd >= subject.length();
            if (filterDone || subjectDone) {
                return filterDone && subjectDone;
            }
            f = fEnd + 1;
            s = sEnd + 1;
        }
    }

    private static int tokenEnd(String text, int from) {
        int dot = text.indexOf('.', from);
        return dot < 0 ? text.length() : dot;
    }
}
