package io.switchboard.monitor;

import java.util.Locale;
import java.util.Set;

/**
 * A request's query parameters read as nats-server reads them: Go's boolean and number syntax,
 * and its error texts for the 400 answer when a value does not parse.
 */
final class Query {

    /** A parameter that does not parse, or options that do not go together: answered with 400 and the text. */
    static final class Invalid extends RuntimeException {
        Invalid(String text) {
            super(text, null, false, false);
        }
    }

    private static final Set<String> TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");
    private static final Set<String> FALSE = Set.of("0", "f", "F", "FALSE", "false", "False");

    private final Request request;

    Query(Request request) {
        this.request = request;
    }

    /** The first value, "" when the parameter is absent. */
    String text(String name) {
        return request.parameter(name).orElse("");
    }

    boolean bool(String name) {
        String value = text(name);
        if (value.isEmpty() || FALSE.contains(value)) {
            return false;
        }
        if (TRUE.contains(value)) {
            return true;
        }
        throw new Invalid("Error decoding boolean for '" + name + "': strconv.ParseBool: parsing "
                + goQuote(value) + ": invalid syntax");
    }

    int integer(String name) {
        String value = text(name);
        if (value.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new Invalid("Error decoding int for '" + name + "': strconv.Atoi: parsing " + goQuote(value)
                    + ": " + (value.matches("[+-]?[0-9]+") ? "value out of range" : "invalid syntax"));
        }
    }

    long unsigned(String name) {
        String value = text(name);
        if (value.isEmpty()) {
            return 0;
        }
        try {
            if (!value.matches("[0-9]+")) {
                throw new NumberFormatException();
            }
            return Long.parseUnsignedLong(value);
        } catch (NumberFormatException e) {
            throw new Invalid("Error decoding uint64 for '" + name + "': strconv.ParseUint: parsing "
                    + goQuote(value) + ": " + (value.matches("[0-9]+") ? "value out of range" : "invalid syntax"));
        }
    }

    /** {@code subs}: {@code detail}, else a boolean. */
    Subscriptions subscriptions() {
        if (text("subs").toLowerCase(Locale.ROOT).equals("detail")) {
            return Subscriptions.DETAIL;
        }
        return bool("subs") ? Subscriptions.SUBJECTS : Subscriptions.NONE;
    }

    enum Subscriptions { NONE, SUBJECTS, DETAIL }

    private static String goQuote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
