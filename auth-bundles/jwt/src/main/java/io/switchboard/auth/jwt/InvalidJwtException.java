package io.switchboard.auth.jwt;

/** A JWT that cannot be trusted: malformed, badly signed, of the wrong kind, or outside its validity. */
final class InvalidJwtException extends Exception {

    InvalidJwtException(String message) {
        super(message);
    }
}
