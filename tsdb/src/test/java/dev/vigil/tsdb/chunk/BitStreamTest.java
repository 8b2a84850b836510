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
    void peekSpansWordsWithoutConsuming() {
        BitWriter out = new BitWriter(1);
        out.write(0, 62);
        out.write(0b1110, 4);
        out.write(0xABCDL, 16);
        BitReader in = new BitReader();
        in.reset(out.words());
        in.skip(62);
        long window = in.peek();
        assertThat(window >>> 60).isEqualTo(0b1110);
        assertThat((window << 4) >>> 48).isEqualTo(0xABCDL);
        assertThat(in.peek()).isEqualTo(window);
        in.skip(4);
        assertThat(in.read(16)).isEqualTo(0xABCDL);
    }
}
