package io.switchboard.auth.nkey;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Checks a client's signature of the server's nonce with BouncyCastle's lightweight Ed25519,
 * which needs no JCA provider registered. NATS clients send the signature base64url without
 * padding; some send standard base64, which is accepted too.
 */
final class Ed25519Signatures {

    private Ed25519Signatures() {
    }

    static boolean verify(byte[] publicKey, String nonce, String signature) {
        byte[] sig = decode(signature);
        if (sig == null || sig.length != Ed25519PublicKeyParameters.KEY_SIZE * 2) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        byte[] message = nonce.getBytes(StandardCharsets.US_ASCII);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(sig);
    }

    private static byte[] decode(String signature) {
        try {
            return Base64.getUrlDecoder().decode(signature);
        } catch (IllegalArgumentException notUrl) {
            try {
                return Base64.getDecoder().decode(signature);
            } catch (IllegalArgumentException notStandard) {
                return null;
            }
        }
    }
}
