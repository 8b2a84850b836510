package dev.vigil.promql.ast;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GoStringsTest {

    @Test
    void validUtf8DecodesAsUsual() {
        byte[] b = "é😀a".getBytes(StandardCharsets.UTF_8);
        assertThat(GoStrings.decode(b, b.length)).isEqualTo("é😀a");
        assertThat(GoStrings.isValidUtf8("é😀a")).isTrue();
    }

    @Test
    void invalidBytesSurviveAndAreQuotedLikeGo() {
        byte[] b = {'a', (byte) 0xc5, 'z'};
        String s = GoStrings.decode(b, b.length);
        assertThat(s).hasSize(3);
        assertThat(GoStrings.isValidUtf8(s)).isFalse();
        assertThat(GoStrings.quote(s)).isEqualTo("\"a\\xc5z\"");
        byte[] back = new byte[8];
        assertThat(GoStrings.encodeUtf8(s, back, 0)).isEqualTo(3);
        assertThat(back[1]).isEqualTo((byte) 0xc5);
        assertThat(GoStrings.utf8Length(s)).isEqualTo(3);
    }

    @Test
    void eachByteOfABrokenSequenceIsEscapedAlone() {
        // A truncated 3-byte sequence, an overlong '/', an encoded surrogate and a byte past U+10FFFF.
        byte[] b = {
            (byte) 0xe2, (byte) 0x82, (byte) 0xc0, (byte) 0xaf, (byte) 0xed, (byte) 0xa0, (byte) 0x80, (byte) 0xf5
        };
        assertThat(GoStrings.quote(GoStrings.decode(b, b.length)))
                .isEqualTo("\"\\xe2\\x82\\xc0\\xaf\\xed\\xa0\\x80\\xf5\"");
    }

    @Test
    void quoteEscapesLikeStrconvQuote() {
        assertThat(GoStrings.quote("a\"b\\c\n\t\u0001\u200b é")).isEqualTo("\"a\\\"b\\\\c\\n\\t\\x01\\u200b é\"");
    }

    @Test
    void encodeReportsTheSpaceItNeeds() {
        byte[] small = new byte[2];
        assertThat(GoStrings.encodeUtf8("abcé", small, 0)).isEqualTo(-5);
    }
}
