package dev.vigil.ui.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SnappyTest {
    @Test
    void decodesLiteralsAndOverlappingCopies() throws Exception {
        // 12 bytes: literal "abcd", then a copy of 8 bytes from offset 4 (overlapping its own output).
        byte[] block = {0x0c, 0x0c, 'a', 'b', 'c', 'd', 0x11, 0x04};
        assertThat(new String(Snappy.decode(block, 0, block.length, 100), StandardCharsets.US_ASCII))
                .isEqualTo("abcdabcdabcd");
    }

    @Test
    void decodesTwoByteOffsetCopiesAndLongLiterals() throws Exception {
        byte[] text = new byte[300];
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) ('a' + i % 26);
        }
        // A 300-byte literal (length in two extra bytes), then 300 bytes copied from offset 300 in 64-byte copies.
        byte[] literal = TestProto.cat(new byte[] {(byte) 0xd8, 0x04, (byte) (61 << 2), (byte) 43, 0x01}, text);
        byte[] copies = new byte[0];
        int left = 300;
        while (left > 0) {
            int n = Math.min(64, left);
            copies = TestProto.cat(copies, new byte[] {(byte) (2 | (n - 1) << 2), 0x2c, 0x01});
            left -= n;
        }
        byte[] decoded = Snappy.decode(TestProto.cat(literal, copies), 0, literal.length + copies.length, 1000);
        assertThat(decoded).hasSize(600);
        for (int i = 0; i < 600; i++) {
            assertThat(decoded[i]).isEqualTo(text[i % 300]);
        }
    }

    @Test
    void roundTripsRandomAndRepetitiveData() throws Exception {
        Random random = new Random(42);
        for (int size : new int[] {0, 1, 16, 17, 1000, 65_536, 65_537, 300_000}) {
            byte[] noise = new byte[size];
            random.nextBytes(noise);
            byte[] repetitive = new byte[size];
            for (int i = 0; i < size; i++) {
                repetitive[i] = (byte) ("series_name{label=\"value\"} ".charAt(i % 27) + (i / 5000));
            }
            for (byte[] data : new byte[][] {noise, repetitive}) {
                byte[] encoded = Snappy.encode(data, 0, data.length);
                assertThat(Snappy.decode(encoded, 0, encoded.length, Integer.MAX_VALUE))
                        .isEqualTo(data);
            }
            byte[] compressed = Snappy.encode(repetitive, 0, size);
            if (size >= 1000) {
                assertThat(compressed.length).isLessThan(size / 4);
            }
        }
    }

    @Test
    void refusesCorruptAndOversizedBlocks() {
        assertThatThrownBy(() -> Snappy.decode(new byte[] {0x05, 0x10, 'a'}, 0, 3, 100))
                .isInstanceOf(Snappy.SnappyException.class)
                .hasMessageContaining("literal overruns");
        assertThatThrownBy(() -> Snappy.decode(new byte[] {0x08, 0x00, 'a', 0x11, 0x09}, 0, 5, 100))
                .isInstanceOf(Snappy.SnappyException.class)
                .hasMessageContaining("copy offset 9");
        assertThatThrownBy(() -> Snappy.decode(new byte[] {0x03, 0x00, 'a'}, 0, 3, 100))
                .hasMessageContaining("decoded 1 bytes, block announced 3");
        assertThatThrownBy(() -> Snappy.decode(new byte[] {(byte) 0x80, (byte) 0x80, 0x40}, 0, 3, 1000))
                .hasMessage("snappy: decoded length 1048576 exceeds the limit of 1000 bytes");
        assertThatThrownBy(() -> Snappy.decode(new byte[] {(byte) 0x80}, 0, 1, 1000))
                .hasMessageContaining("truncated length");
    }
}
