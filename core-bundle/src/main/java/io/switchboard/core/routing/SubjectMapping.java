package io.switchboard.core.routing;

import io.switchboard.core.subject.Subjects;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites a subject matched by one pattern into another pattern, the wildcards of the target
 * filled with the tokens the source's wildcards matched, in order: {@code a.*.>} to {@code b.*.>}
 * turns {@code a.x.y.z} into {@code b.x.y.z}. A literal target is taken as it is.
 */
public record SubjectMapping(String from, String to) {

    public boolean matches(String subject) {
        return Subjects.subjectMatches(from, subject);
    }

    public String map(String subject) {
        if (from.equals(to) || Subjects.isLiteral(to)) {
            return from.equals(to) ? subject : to;
        }
        String[] fromTokens = from.split("\\.", -1);
        String[] subjectTokens = subject.split("\\.", -1);
        List<String> captured = new ArrayList<>();
        for (int i = 0; i < fromTokens.length; i++) {
            if (Subjects.isPartialWildcard(fromTokens[i])) {
                captured.add(subjectTokens[i]);
            } else if (Subjects.isFullWildcard(fromTokens[i])) {
                captured.add(String.join(".", List.of(subjectTokens).subList(i, subjectTokens.length)));
            }
        }
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (String token : to.split("\\.", -1)) {
            if (out.length() > 0) {
                out.append('.');
            }
            boolean wildcard = Subjects.isPartialWildcard(token) || Subjects.isFullWildcard(token);
            out.append(wildcard && next < captured.size() ? captured.get(next++) : token);
        }
        return out.toString();
    }
}
