package dev.vigil.alerting.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Expected outputs are what Go's fmt.Sprintf prints for the same format and arguments. */
class GoFormatTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                f("%v", "1e+06", 1e6),
                f("%v", "123456", 123456.0),
                f("%v", "1.23456789e+08", 123456789.0),
                f("%v", "0.0001", 0.0001),
                f("%v", "1e-05", 0.00001),
                f("%v", "-0.5", -0.5),
                f("%v", "NaN", Double.NaN),
                f("%v", "+Inf", Double.POSITIVE_INFINITY),
                f("%v", "-Inf", Double.NEGATIVE_INFINITY),
                f("%v", "3", 3L),
                f("%f", "3.141593", Math.PI),
                f("%.2f", "3.14", Math.PI),
                f("%.0f", "2", 2.5),
                f("%.2f", "0.12", 0.125),
                f("%.3f", "1234567.000", 1234567.0),
                f("%8.3f|", "   3.142|", Math.PI),
                f("%-8.3f|", "3.142   |", Math.PI),
                f("%08.3f", "-003.142", -Math.PI),
                f("%+.1f", "+3.1", Math.PI),
                f("%e", "1.234568e+06", 1234567.89),
                f("%.2e", "1.23e-07", 1.234e-7),
                f("%E", "1.000000E+00", 1.0),
                f("%g", "1.23456789e+08", 123456789.0),
                f("%g", "0.5", 0.5),
                f("%.3g", "1.23e+05", 123456.0),
                f("%.4g", "1235", 1234.5678),
                f("%.4g", "0.0001235", 0.00012346),
                f("%.4g", "1e+05", 100000.0),
                f("%.4g", "0", 0.0),
                f("%d", "42", 42L),
                f("%5d|", "   42|", 42L),
                f("%-5d|", "42   |", 42L),
                f("%05d", "-0042", -42L),
                f("%+d", "+7", 7L),
                f("%x", "ff", 255L),
                f("%X", "FF", 255L),
                f("%#x", "0xff", 255L),
                f("%o", "17", 15L),
                f("%b", "101", 5L),
                f("%c", "A", 65L),
                f("%q", "'A'", 65L),
                f("%x", "6869", "hi"),
                f("%s", "hello", "hello"),
                f("%.3s", "hel", "hello"),
                f("%q", "\"a\\\"b\\n\"", "a\"b\n"),
                f("%t", "true", true),
                f("%v", "[1 2]", java.util.List.of(1L, 2L)),
                f("%s", "[a b]", java.util.List.of("a", "b")),
                f("%d", "%!d(string=x)", "x"),
                f("%s", "%!s(int=5)", 5L),
                f("%d", "%!d(float64=1.5)", 1.5),
                f("%f", "%!f(int=5)", 5L),
                f("%d %d", "1 %!d(MISSING)", 1L),
                f("%d", "1%!(EXTRA int=2, string=x)", 1L, 2L, "x"),
                f("100%%", "100%"),
                f("%v", "<nil>", (Object) null),
                f("%s", "%!s(<nil>)", (Object) null),
                f("%z", "%!z(int=1)", 1L));
    }

    private static Arguments f(String format, String expected, Object... args) {
        return Arguments.of(format, expected, args == null ? new Object[] {null} : args);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("cases")
    void formatsLikeGo(String format, String expected, Object[] args) {
        assertThat(GoFormat.sprintf(format, Arrays.asList(args))).isEqualTo(expected);
    }

    static Stream<Arguments> sprints() {
        return Stream.of(
                Arguments.of(new Object[] {"a", "b"}, "ab"),
                Arguments.of(new Object[] {1L, 2L}, "1 2"),
                Arguments.of(new Object[] {"a", 1L, 2L, "b"}, "a1 2b"),
                Arguments.of(new Object[] {1.5, true}, "1.5 true"));
    }

    @ParameterizedTest
    @MethodSource("sprints")
    void sprintSpacesOnlyBetweenNonStrings(Object[] args, String expected) {
        assertThat(GoFormat.sprint(Arrays.asList(args))).isEqualTo(expected);
    }
}
