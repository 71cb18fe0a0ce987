package io.switchboard.core.spi.transport;

import io.netty.util.AttributeKey;

import java.util.Objects;

/**
 * The account a client connection was admitted into. The core sets it as the channel attribute
 * {@link #KEY} once the client's CONNECT is accepted, before anything else is written to it, so
 * a transport that keeps state of its own per account (MQTT retained messages and sessions)
 * can tell the accounts apart.
 *
 * @param name the account's name; nats-server's {@code $G} for the global account
 * @since 1.3
 */
public record ClientAccount(String name) {

    /** The channel attribute holding the account. */
    public static final AttributeKey<ClientAccount> KEY = AttributeKey.valueOf(ClientAccount.class, "clientAccount");

    public ClientAccount {
        Objects.requireNonNull(name, "name");
    }
}
