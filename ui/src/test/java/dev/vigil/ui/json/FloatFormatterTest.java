package dev.vigil.ui.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.ui.json.FloatFormatter.Style;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Expected texts are what Go's strconv.FormatFloat(v, fmt, -1, 64) and Prometheus's JSON produce. */
class FloatFormatterTest {
    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of(1.5, "1.5"),
                Arguments.of(1.0, "1"),
                Arguments.of(0.0, "0"),
                Arguments.of(-0.0, "-0"),
                Arguments.of(Double.NaN, "NaN"),
                Arguments.of(Double.POSITIVE_INFINITY, "+Inf"),
                Arguments.of(Double.NEGATIVE_INFINITY, "-Inf"),
                Arguments.of(0.1 + 0.2, "0.30000000000000004"),
                Arguments.of(1.0 / 3, "0.3333333333333333"),
                Arguments.of(2.0 / 3, "0.6666666666666666"),
                Arguments.of(1.0 / 60, "0.016666666666666666"),
                Arguments.of(123456789012.0, "123456789012"),
                Arguments.of(-42.125, "-42.125"),
                Arguments.of(1e-6, "0.000001"),
                Arguments.of(1.234e-6, "0.000001234"),
                Arguments.of(9.99e-7, "9.99e-07"),
                Arguments.of(1e-7, "1e-07"),
                Arguments.of(1e20, "100000000000000000000"),
                Arguments.of(1e21, "1e+21"),
                Arguments.of(1.5e300, "1.5e+300"),
                Arguments.of(9.223372036854776e18, "9223372036854776000"),
                Arguments.of(9007199254740993.0, "9007199254740992"),
                Arguments.of(Double.MAX_VALUE, "1.7976931348623157e+308"),
                Arguments.of(Double.MIN_VALUE, "5e-324"),
                Arguments.of(Double.MIN_NORMAL, "2.2250738585072014e-308"),
                Arguments.of(2.82879384806159e17, "282879384806159000"),
                Arguments.of(1e23, "1e+23"),
                Arguments.of(5e-5, "0.00005"),
                Arguments.of(100.0, "100"));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void sampleValuesAreFormattedLikePrometheus(double v, String expected) {
        assertThat(FloatFormatter.toString(v, Style.SAMPLE_VALUE)).isEqualTo(expected);
    }

    @Test
    void otherStyles() {
        assertThat(FloatFormatter.toString(1e-7, Style.JSON_NUMBER)).isEqualTo("1e-7");
        assertThat(FloatFormatter.toString(1.5e-10, Style.JSON_NUMBER)).isEqualTo("1.5e-10");
        assertThat(FloatFormatter.toString(1e21, Style.JSON_NUMBER)).isEqualTo("1e+21");
        assertThat(FloatFormatter.toString(0.000082042, Style.JSON_NUMBER)).isEqualTo("0.000082042");
        assertThat(FloatFormatter.toString(1796307647.928, Style.JSON_NUMBER)).isEqualTo("1796307647.928");
        assertThat(FloatFormatter.toString(1e-7, Style.FIXED)).isEqualTo("0.0000001");
        assertThat(FloatFormatter.toString(1e21, Style.FIXED)).isEqualTo("1000000000000000000000");
        assertThat(FloatFormatter.toString(Double.MIN_VALUE, Style.FIXED))
                .hasSize(326)
                .endsWith("05");
        assertThat(FloatFormatter.toString(1, Style.EXPONENT)).isEqualTo("1e+00");
        assertThat(FloatFormatter.toString(0, Style.EXPONENT)).isEqualTo("0e+00");
        assertThat(FloatFormatter.toString(-123.5, Style.EXPONENT)).isEqualTo("-1.235e+02");
        assertThat(FloatFormatter.toString(1e-100, Style.EXPONENT)).isEqualTo("1e-100");
    }

    /** Against an exact oracle: the shortest digits that read back, rounded half-even from the exact binary value. */
    @Test
    void randomValuesGetTheShortestDigitsThatReadBack() {
        SplittableRandom random = new SplittableRandom(42);
        FloatFormatter f = new FloatFormatter();
        for (int i = 0; i < 50_000; i++) {
            double v =
                    switch (i % 5) {
                        case 0 -> Double.longBitsToDouble(random.nextLong());
                        case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(-8, 16));
                        case 2 -> Math.round(random.nextDouble() * 1e6) / Math.pow(10, random.nextInt(0, 9));
                        case 3 -> random.nextInt(1, 10_000) / (double) random.nextInt(1, 10_000);
                        default -> {
                            // Neighbours of short decimals sit at the edges of the rounding intervals.
                            double shortDecimal = random.nextInt(1, 100_000) / Math.pow(10, random.nextInt(0, 6));
                            yield random.nextBoolean() ? Math.nextUp(shortDecimal) : Math.nextDown(shortDecimal);
                        }
                    };
            if (Double.isNaN(v) || Double.isInfinite(v) || v == 0) {
                continue;
            }
            int n = f.format(v, Style.EXPONENT);
            String text = new String(f.chars(), 0, n);
            assertThat(Double.parseDouble(text)).as("%s reads back", text).isEqualTo(v);
            assertThat(new BigDecimal(text)).as("digits of %s", v).isEqualByComparingTo(oracle(v));
        }
    }

    private static BigDecimal oracle(double v) {
        BigDecimal exact = new BigDecimal(v);
        for (int digits = 1; digits <= 17; digits++) {
            BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (rounded.doubleValue() == v) {
                return rounded;
            }
        }
        throw new AssertionError("no decimal of 17 digits reads back as " + v);
    }
}
