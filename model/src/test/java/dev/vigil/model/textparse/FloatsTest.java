package dev.vigil.model.textparse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FloatsTest {

    @ParameterizedTest
    @CsvSource({
        "1, 1.0",
        "0, 0.0",
        "-1, -1.0",
        "0.005, 0.005",
        "0.0001, 0.0001",
        "0.00001, 1e-05",
        "2.5, 2.5",
        "10, 10.0",
        "100000, 100000.0",
        "1e6, 1e+06",
        "1234567, 1.234567e+06",
        "1.5e100, 1.5e+100",
        "-0.25, -0.25",
        "+Inf, +Inf",
        "-Inf, -Inf",
        "NaN, NaN",
        "123456.5, 123456.5",
    })
    void formatsLikePrometheusOpenMetricsFloat(String input, String expected) throws Exception {
        byte[] b = input.getBytes(StandardCharsets.US_ASCII);
        assertThat(Floats.formatOpenMetrics(Floats.parse(b, 0, b.length))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "9007199254740993",
        "9007199254740993.0000000001",
        "18446744073709551615",
        "1844674407370955161.5",
        "0.1",
        "2.2250738585072011e-308",
        "2.2250738585072014e-308",
        "4.9e-324",
        "1.7976931348623157e308",
        "7.2057594037927933e16",
        "0.30000000000000004",
        "1.00000000000000011102230246251565404236316680908203125",
        "1.00000000000000011102230246251565404236316680908203124",
        "1.00000000000000011102230246251565404236316680908203126",
        "123456789012345678e-5",
        "1e-350",
        "1e23",
        "8.98846567431158e307",
    })
    void hardCasesMatchTheJdk(String s) throws Exception {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        assertThat(Double.doubleToRawLongBits(Floats.parse(b, 0, b.length)))
                .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(s)));
    }

    @Test
    void parsesRandomDecimalsExactlyLikeTheJdk() throws Exception {
        Random random = new Random(3);
        for (int i = 0; i < 700_000; i++) {
            String s =
                    switch (i % 4) {
                        case 0 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
                        case 1 -> Long.toString(random.nextLong() >> random.nextInt(64));
                        case 2 -> String.format("%.6f", random.nextGaussian() * 1e6);
                        default -> String.format("%." + random.nextInt(17) + "e", random.nextDouble() * 1e15);
                    };
            if (s.contains("NaN") || s.contains("Infinity")) {
                continue;
            }
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            double expected = Double.parseDouble(s);
            if (Double.isInfinite(expected)) {
                continue;
            }
            assertThat(Double.doubleToRawLongBits(Floats.parse(b, 0, b.length)))
                    .as(s)
                    .isEqualTo(Double.doubleToRawLongBits(expected));
        }
    }
}
