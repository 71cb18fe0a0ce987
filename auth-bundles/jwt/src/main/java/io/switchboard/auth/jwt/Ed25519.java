package io.switchboard.auth.jwt;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Ed25519 signature checks with BouncyCastle's lightweight API, so no JCA provider gets registered. */
final class Ed25519 {

    private Ed25519() {
    }

    static boolean verifies(byte[] publicKey, byte[] message, byte[] signature) {
        if (signature.length != Ed25519PublicKeyParameters.KEY_SIZE * 2) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }
}
