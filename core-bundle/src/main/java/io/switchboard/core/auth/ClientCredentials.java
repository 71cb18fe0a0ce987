package io.switchboard.core.auth;

import io.switchboard.core.spi.auth.AuthRequest;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;

/** A connecting client's CONNECT credentials, as authenticators see them. */
public record ClientCredentials(String user, String password, String token, String nkey, String signature,
                                String jwt, String nonce, List<X509Certificate> certificates,
                                InetSocketAddress remoteAddress, String transport, String clientName)
        implements AuthRequest {

    public ClientCredentials {
        certificates = List.copyOf(certificates);
    }
}
