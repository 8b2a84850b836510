package dev.vigil.model.textparse;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EiselLemireTest {

    @Test
    void convertsNearlyAllMantissasDirectlyAndAlwaysCorrectly() {
        Random random = new Random(5);
        int declined = 0;
        int n = 300_000;
        for (int i = 0; i < n; i++) {
            long mantissa = random.nextLong() >>> random.nextInt(12);
            if (mantissa == 0) {
                continue;
            }
            int exp10 = random.nextInt(560) - 280; // away from overflow and subnormals, which it declines
            long bits = EiselLemire.toDoubleBits(mantissa, exp10);
            if (bits == EiselLemire.DECLINED) {
                declined++;
                continue;
            }
            double expected = new BigDecimal(Long.toUnsignedString(mantissa))
                    .scaleByPowerOfTen(exp10)
                    .doubleValue();
            assertThat(Double.longBitsToDouble(bits))
                    .as("%s e%d", Long.toUnsignedString(mantissa), exp10)
                    .isEqualTo(expected);
        }
        assertThat(declined).isLessThan(n / 1000);
    }
}
