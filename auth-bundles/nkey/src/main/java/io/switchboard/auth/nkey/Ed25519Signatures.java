package io.switchboard.auth.nkey;

import io.switchboard.core.nkey.NKeys;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

import java.nio.charset.StandardCharsets;

/**
 * Checks a client's signature of the server's nonce with BouncyCastle's lightweight Ed25519,
 * which needs no JCA provider registered.
 */
final class Ed25519Signatures {

    private Ed25519Signatures() {
    }

    static boolean verify(byte[] publicKey, String nonce, String signature) {
        byte[] sig;
        try {
            sig = NKeys.decodeSignature(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (sig.length != Ed25519PublicKeyParameters.KEY_SIZE * 2) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        byte[] message = nonce.getBytes(StandardCharsets.US_ASCII);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(sig);
    }
}
