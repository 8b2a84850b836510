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

    @Test
    void parsesRandomDecimalsExactlyLikeTheJdk() throws Exception {
        Random random = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            String s =
                    switch (i % 4) {
                        case 0 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
                        case 1 -> Long.toString(random.nextLong() >> random.nextInt(64));
                        case 2 -> String.format("%.6f", random.nextGaussian() * 1e6);
                        default -> String.format("%." + random.nextInt(17) + "e", random.nextDouble() * 1e15);
                    };
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            assertThat(Floats.parse(b, 0, b.length)).as(s).isEqualTo(Double.parseDouble(s));
        }
    }
}
