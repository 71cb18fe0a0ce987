package io.switchboard.core.spi.system;

import org.osgi.annotation.versioning.ProviderType;

import java.util.Map;
import java.util.Optional;

/**
 * The server's internal client, registered as a service by the core. Its subscriptions are
 * interest in the subject index like any client's; its messages are routed like a client's, to
 * local subscribers and over routes, gateways and leaf nodes.
 */
@ProviderType
public interface SystemHost {

    /**
     * The system account: {@code system_account} as configured, else {@code $SYS}; empty with
     * {@code no_system_account}.
     */
    Optional<String> systemAccount();

    /**
     * The {@code server} block nats-server puts in its system messages: {@code name}, {@code host},
     * {@code id}, {@code cluster} (when in one), {@code ver}, {@code seq}, {@code jetstream},
     * {@code time}. {@code seq} grows with each block made, across every bundle that asks.
     */
    Map<String, Object> stamp();

    /**
     * Subscribes inside the server to {@code subject} (wildcards allowed) in {@code account}.
     * {@code handler} is called on the publisher's thread: it copies what it needs and hands the
     * work on, never waits.
     *
     * @throws IllegalArgumentException when the subject is not a valid subscription subject
     */
    Registration subscribe(String account, String subject, SystemHandler handler);

    /**
     * Publishes as the server to {@code subject} in {@code account}; {@code reply} may be null,
     * {@code headers} (a NATS/1.0 header block) too. Returns at once: the message is routed on the
     * internal client's own thread, in the order it was published.
     */
    void publish(String account, String subject, String reply, byte[] headers, byte[] payload);

    /**
     * Tells {@code listener} about each client that connects to an account other than the global
     * one, and disconnects from it, until cancelled. Called on the client's own event loop.
     */
    Registration watchClients(ClientEvents listener);
}
