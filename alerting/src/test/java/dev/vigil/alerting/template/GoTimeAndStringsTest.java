package dev.vigil.alerting.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GoTimeAndStringsTest {
    private static final GoTime T =
            new GoTime(ZonedDateTime.of(2006, 1, 2, 15, 4, 5, 120_000_000, ZoneId.of("America/New_York")));

    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of("2006-01-02T15:04:05Z07:00", "2006-01-02T15:04:05-05:00"),
                Arguments.of("Mon Jan _2 15:04:05 MST 2006", "Mon Jan  2 15:04:05 EST 2006"),
                Arguments.of("Monday, January 2, 06 3:4:5 PM", "Monday, January 2, 06 3:4:5 PM"),
                Arguments.of("02/01 03pm -0700", "02/01 03pm -0500"),
                Arguments.of("15:04:05.000", "15:04:05.120"),
                Arguments.of("15:04:05.999", "15:04:05.12"),
                Arguments.of("002", "002"),
                Arguments.of("literal text", "literal text"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void formatsGoLayouts(String layout, String expected) {
        assertThat(T.format(layout)).isEqualTo(expected);
    }

    static Stream<Arguments> titles() {
        return Stream.of(
                Arguments.of("hello world", "Hello World"),
                Arguments.of("aa bb-cc", "Aa Bb-Cc"),
                Arguments.of("snake_case words", "Snake_case Words"),
                Arguments.of("ünïcode ça", "Ünïcode Ça"),
                Arguments.of("x.y/z", "X.Y/Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("titles")
    void titlesLikeGo(String in, String out) {
        assertThat(GoStrings.title(in)).isEqualTo(out);
    }

    static Stream<Arguments> hostPorts() {
        return Stream.of(
                Arguments.of("host:80", "host", "80"),
                Arguments.of("[::1]:9090", "::1", "9090"),
                Arguments.of("::1", null, null),
                Arguments.of("plain", null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostPorts")
    void splitsHostPorts(String in, String host, String port) {
        String[] split = GoStrings.splitHostPort(in);
        if (host == null) {
            assertThat(split).isNull();
        } else {
            assertThat(split).containsExactly(host, port);
        }
    }
}
