package io.switchboard.core.spi.auth;

import org.osgi.annotation.versioning.ProviderType;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;

/** What a client presented in its CONNECT, and where it came from. Absent values are null. */
@ProviderType
public interface AuthRequest {

    String user();

    String password();

    String token();

    /** The client's public NKey (a {@code U...} key). */
    String nkey();

    /** The client's signature of {@link #nonce()}, base64url encoded as NATS clients send it. */
    String signature();

    /** The user JWT. */
    String jwt();

    /** The nonce the server sent in its INFO; null when it sent none. */
    String nonce();

    /** The client's TLS certificate chain; empty without TLS client authentication. */
    List<X509Certificate> certificates();

    InetSocketAddress remoteAddress();

    /** The transport the client came by: {@code client} (TCP), {@code websocket}... */
    String transport();

    /** The client's name from CONNECT; empty when it gave none. */
    String clientName();
}
