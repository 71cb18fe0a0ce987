package io.switchboard.core.nkey;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Text where an NKey, a seed or a nonce signature is expected: a key survives encoding, a key
 * with any one character changed is refused by its checksum, and anything else is refused with
 * the declared {@link IllegalArgumentException}.
 */
class NKeysFuzzTest {

    private static final int[] ROLES = {NKeys.PREFIX_USER, NKeys.PREFIX_ACCOUNT, NKeys.PREFIX_OPERATOR,
        NKeys.PREFIX_SERVER};

    @Property
    void aKeyReadsBackAsItWasWritten(@ForAll @Size(32) byte[] key, @ForAll @IntRange(max = 3) int role) {
        String encoded = NKeys.encode(ROLES[role], key);
        assertThat(NKeys.decodePublicKey(ROLES[role], encoded)).isEqualTo(key);
    }

    @Property
    void aKeyWithOneCharacterChangedIsRefused(@ForAll @Size(32) byte[] key, @ForAll @IntRange(max = 55) int at,
                                              @ForAll("base32") char replacement) {
        String encoded = NKeys.encode(NKeys.PREFIX_USER, key);
        String changed = encoded.substring(0, at) + replacement + encoded.substring(at + 1);
        if (!changed.equals(encoded)) {
            assertThatThrownBy(() -> NKeys.decodePublicKey(NKeys.PREFIX_USER, changed))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Property
    void anyTextIsAKeyOrRefused(@ForAll("keyLike") String text, @ForAll @IntRange(max = 3) int role) {
        try {
            NKeys.decodePublicKey(ROLES[role], text);
        } catch (IllegalArgumentException refused) {
            // the declared refusal
        }
    }

    @Property
    void anyTextIsASeedOrRefused(@ForAll("keyLike") String text) {
        try {
            NKeys.sign(text, new byte[] {1, 2, 3});
        } catch (IllegalArgumentException refused) {
            // the declared refusal
        }
    }

    @Property
    void anyTextIsASignatureOrRefused(@ForAll("keyLike") String text) {
        try {
            NKeys.decodeSignature(text);
        } catch (IllegalArgumentException refused) {
            // the declared refusal
        }
    }

    @Provide
    Arbitrary<Character> base32() {
        return Arbitraries.of("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray());
    }

    @Provide
    Arbitrary<String> keyLike() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567=").ofMaxLength(80),
                Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/= ")
                        .ofMaxLength(120),
                Arbitraries.strings().ofMaxLength(60));
    }
}
