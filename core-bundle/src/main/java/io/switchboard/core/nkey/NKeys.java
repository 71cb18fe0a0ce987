package io.switchboard.core.nkey;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * NKey encoding: a prefix byte naming the key's role, the key, a CRC-16 (XMODEM) of both,
 * in RFC 4648 base32 without padding. Server ids are public keys of role 'N'; users sign
 * with keys of role 'U', accounts with 'A', operators with 'O'.
 */
public final class NKeys {

    /** Prefix byte of a server public key: base32 'N'. */
    public static final int PREFIX_SERVER = 13 << 3;
    /** Prefix byte of a user public key: base32 'U'. */
    public static final int PREFIX_USER = 20 << 3;
    /** Prefix byte of an account public key: base32 'A'. */
    public static final int PREFIX_ACCOUNT = 0;
    /** Prefix byte of an operator public key: base32 'O'. */
    public static final int PREFIX_OPERATOR = 14 << 3;

    /** The high five bits of a seed's first byte: base32 'S'. */
    private static final int PREFIX_SEED = 18 << 3;

    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private NKeys() {
    }

    /** A fresh random server id, as nats-server makes one at every start. */
    public static String newServerId(SecureRandom random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return encode(PREFIX_SERVER, key);
    }

    public static String encode(int prefix, byte[] key) {
        byte[] raw = new byte[key.length + 3];
        raw[0] = (byte) prefix;
        System.arraycopy(key, 0, raw, 1, key.length);
        int crc = crc16(raw, key.length + 1);
        raw[raw.length - 2] = (byte) crc;
        raw[raw.length - 1] = (byte) (crc >>> 8);
        return base32(raw);
    }

    /**
     * The 32-byte Ed25519 public key inside an encoded public NKey of the given role.
     *
     * @throws IllegalArgumentException when the text is not such a key or its checksum fails
     */
    public static byte[] decodePublicKey(int prefix, String encoded) {
        byte[] raw = base32Decode(encoded);
        if (raw.length != 35 || (raw[0] & 0xff) != prefix) {
            throw new IllegalArgumentException("not a public nkey of the expected type: " + encoded);
        }
        int crc = (raw[33] & 0xff) | (raw[34] & 0xff) << 8;
        if (crc16(raw, 33) != crc) {
            throw new IllegalArgumentException("nkey checksum mismatch: " + encoded);
        }
        byte[] key = new byte[32];
        System.arraycopy(raw, 1, key, 0, 32);
        return key;
    }

    /** True when {@code encoded} is a valid public NKey of the given role. */
    public static boolean isPublicKey(int prefix, String encoded) {
        try {
            decodePublicKey(prefix, encoded);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * A client's signature of the nonce as its CONNECT carries it: base64url without padding, as
     * NATS clients send it, or standard base64, which nats-server takes too.
     *
     * @throws IllegalArgumentException when the text is neither
     * @since 1.1
     */
    public static byte[] decodeSignature(String text) {
        try {
            return Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException notUrl) {
            return Base64.getDecoder().decode(text);
        }
    }

    /**
     * Signs {@code data} with the Ed25519 key of an encoded seed ({@code SU...}, {@code SA...}), as a
     * NATS client signs the nonce of INFO.
     *
     * @throws IllegalArgumentException when the text is not a seed or its checksum fails
     * @since 1.2
     */
    public static byte[] sign(String seed, byte[] data) {
        byte[] raw = base32Decode(seed.strip());
        if (raw.length != 36 || (raw[0] & 0xf8) != PREFIX_SEED) {
            throw new IllegalArgumentException("not an nkey seed");
        }
        int crc = (raw[34] & 0xff) | (raw[35] & 0xff) << 8;
        if (crc16(raw, 34) != crc) {
            throw new IllegalArgumentException("nkey seed checksum mismatch");
        }
        byte[] key = Arrays.copyOfRange(raw, 2, 34);
        try {
            PrivateKey privateKey = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, key));
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(raw, (byte) 0);
        }
    }

    static int crc16(byte[] data, int len) {
        int crc = 0;
        for (int i = 0; i < len; i++) {
            crc ^= (data[i] & 0xff) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }
        return crc & 0xffff;
    }

    private static byte[] base32Decode(String text) {
        byte[] out = new byte[text.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            int value = base32Value(text.charAt(i));
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out[n++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        return out;
    }

    private static int base32Value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= '2' && c <= '7') {
            return c - '2' + 26;
        }
        throw new IllegalArgumentException("invalid base32 character '" + c + "'");
    }

    private static String base32(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }
}
