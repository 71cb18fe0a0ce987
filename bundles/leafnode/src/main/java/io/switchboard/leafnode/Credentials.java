package io.switchboard.leafnode;

import io.switchboard.core.nkey.NKeys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A credentials file as {@code nsc} writes it: the user JWT, then the user's NKey seed, each
 * between dashed lines. Read at each connect, as nats-server does, so that a renewed file is
 * picked up; the seed is kept no longer than it takes to sign the nonce.
 */
final class Credentials {

    private static final Pattern BLOCK = Pattern.compile("\\s*(?:-{3,}[^\\n]*-{3,}\\n)(.+)(?:\\n\\s*-{3,}[^\\n]*-{3,}\\n)");

    /** The user JWT and the signature of the nonce, base64url without padding. */
    record Signed(String jwt, String signature) {
    }

    private Credentials() {
    }

    /** Signs {@code nonce} with the seed of the file at {@code path}. */
    static Signed sign(Path path, String nonce) throws IOException {
        String contents = Files.readString(path, StandardCharsets.UTF_8);
        List<String> blocks = new ArrayList<>(2);
        Matcher m = BLOCK.matcher(contents);
        while (m.find() && blocks.size() < 2) {
            blocks.add(m.group(1).strip());
        }
        if (blocks.size() < 2) {
            throw new IOException("Credentials file malformed");
        }
        byte[] signature;
        try {
            signature = NKeys.sign(blocks.get(1), nonce.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException("Credentials file has malformed seed");
        }
        return new Signed(blocks.get(0), Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
    }
}
