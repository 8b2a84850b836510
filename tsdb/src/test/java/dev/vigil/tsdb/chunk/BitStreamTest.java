package dev.vigil.tsdb.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BitStreamTest {
    @Test
    void randomFieldsRoundTrip() {
        SplittableRandom random = new SplittableRandom(1);
        int n = 10_000;
        long[] values = new long[n];
        int[] widths = new int[n];
        BitWriter out = new BitWriter(1);
        long total = 0;
        for (int i = 0; i < n; i++) {
            widths[i] = 1 + random.nextInt(64);
            values[i] = random.nextLong();
            out.write(values[i], widths[i]);
            total += widths[i];
        }
        assertThat(out.bitCount()).isEqualTo(total);
        BitReader in = new BitReader();
        in.reset(out.words());
        for (int i = 0; i < n; i++) {
            long mask = widths[i] == 64 ? -1L : (1L << widths[i]) - 1;
            assertThat(in.read(widths[i]))
                    .as("field %d of %d bits", i, widths[i])
                    .isEqualTo(values[i] & mask);
        }
    }

    @Test
    void signedAndUnary() {
        BitWriter out = new BitWriter(1);
        out.write(-5, 7);
        out.write(0b1110, 4);
        out.write(0b1111, 4);
        out.writeBit(false);
        out.writeBit(true);
        BitReader in = new BitReader();
        in.reset(out.words());
        assertThat(in.readSigned(7)).isEqualTo(-5);
        assertThat(in.readOnes(4)).isEqualTo(3);
        assertThat(in.readOnes(4)).isEqualTo(4);
        assertThat(in.readOnes(4)).isEqualTo(0);
        assertThat(in.readBit()).isTrue();
    }

    @Test
    void unaryAcrossWordBoundary() {
        BitWriter out = new BitWriter(1);
        out.write(0, 62);
        out.write(0b1110, 4);
        BitReader in = new BitReader();
        in.reset(out.words());
        in.read(62);
        assertThat(in.readOnes(4)).isEqualTo(3);
    }
}
