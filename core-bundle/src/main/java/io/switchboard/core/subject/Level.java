package io.switchboard.core.subject;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The children of a trie node, one per distinct token at that position. The two wildcards are kept
 * apart from the literal tokens because every match has to visit them, whatever the token.
 */
final class Level<S extends Subscription> {

    private final Map<String, Node<S>> literals = new HashMap<>();
    Node<S> partialWildcard;
    Node<S> fullWildcard;

    /** The child for a literal token of a published subject; wildcard characters are literal here. */
    Node<S> literal(String token) {
        return literals.get(token);
    }

    /** The child for a token of a subscription's subject, where wildcard tokens are wildcards. */
    Node<S> child(String token) {
        if (Subjects.isPartialWildcard(token)) {
            return partialWildcard;
        }
        if (Subjects.isFullWildcard(token)) {
            return fullWildcard;
        }
        return literals.get(token);
    }

    Node<S> childOrCreate(String token) {
        if (Subjects.isPartialWildcard(token)) {
            if (partialWildcard == null) {
                partialWildcard = new Node<>();
            }
            return partialWildcard;
        }
        if (Subjects.isFullWildcard(token)) {
            if (fullWildcard == null) {
                fullWildcard = new Node<>();
            }
            return fullWildcard;
        }
        return literals.computeIfAbsent(token, t -> new Node<>());
    }

    void removeChild(String token) {
        if (Subjects.isPartialWildcard(token)) {
            partialWildcard = null;
        } else if (Subjects.isFullWildcard(token)) {
            fullWildcard = null;
        } else {
            literals.remove(token);
        }
    }

    boolean isEmpty() {
        return literals.isEmpty() && partialWildcard == null && fullWildcard == null;
    }

    void forEachChild(Consumer<Node<S>> action) {
        literals.values().forEach(action);
        if (partialWildcard != null) {
            action.accept(partialWildcard);
        }
        if (fullWildcard != null) {
            action.accept(fullWildcard);
        }
    }
}
