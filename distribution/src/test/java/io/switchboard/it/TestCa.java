package io.switchboard.it;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

/** The test CA in {@code src/test/resources/tls} and the server certificate it signed (localhost, 127.0.0.1). */
final class TestCa {

    static final Path DIRECTORY = Path.of("src/test/resources/tls").toAbsolutePath();

    private TestCa() {
    }

    /** A {@code tls} block with the server certificate and key. */
    static String serverTlsBlock() {
        return "tls { cert_file: \"" + DIRECTORY.resolve("server-cert.pem") + "\", key_file: \""
                + DIRECTORY.resolve("server-key.pem") + "\" }";
    }

    /** A client context that trusts the test CA. */
    static SSLContext trusting() {
        try (InputStream ca = TestCa.class.getResourceAsStream("/tls/ca.pem")) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(ca));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("test CA", e);
        }
    }
}
