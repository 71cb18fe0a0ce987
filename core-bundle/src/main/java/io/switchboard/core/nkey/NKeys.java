package io.switchboard.core.nkey;

import java.security.SecureRandom;

/**
 * NKey encoding: a prefix byte naming the key's role, the key, a CRC-16 (XMODEM) of both,
 * in RFC 4648 base32 without padding. Server ids are public keys of role 'N'.
 */
public final class NKeys {

    /** Prefix byte of a server public key: base32 'N'. */
    public static final int PREFIX_SERVER = 13 << 3;

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
