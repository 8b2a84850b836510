package dev.vigil.ui.federate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoFloatTest {
    /** Expected strings are what Go's strconv.FormatFloat(v, 'g', -1, 64) prints. */
    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "1, 1",
        "-1, -1",
        "0.5, 0.5",
        "123456, 123456",
        "1000000, 1e+06",
        "1234567, 1.234567e+06",
        "1.70000000012E9, 1.70000000012e+09",
        "0.0001, 0.0001",
        "0.00001, 1e-05",
        "0.000123, 0.000123",
        "1.5E-7, 1.5e-07",
        "1.0E21, 1e+21",
        "1.0E100, 1e+100",
        "-2.5E-300, -2.5e-300",
        "100, 100",
        "3.14159, 3.14159",
        "0.1, 0.1",
    })
    void formatsLikeGo(double value, String expected) {
        assertThat(GoFloat.format(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"NaN, NaN", "Infinity, +Inf", "-Infinity, -Inf"})
    void formatsSpecialValues(String value, String expected) {
        assertThat(GoFloat.format(Double.parseDouble(value))).isEqualTo(expected);
    }
}
