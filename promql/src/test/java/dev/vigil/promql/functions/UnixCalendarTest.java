package dev.vigil.promql.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.promql.functions.UnixCalendar.Field;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnixCalendarTest {
    /** Expected values as Prometheus 2.42 answers {@code year(vector(1e17))} and so on, also where java.time stops. */
    @ParameterizedTest
    @CsvSource({
        "YEAR, 1701388800, 2023",
        "MONTH, 1701388800, 12",
        "DAY_OF_MONTH, 1701388799, 30",
        "DAYS_IN_MONTH, 1701388799, 30",
        "DAYS_IN_MONTH, 951782400, 29",
        "DAY_OF_YEAR, 951782400, 60",
        "DAY_OF_WEEK, 0, 4",
        "HOUR, 1701385020.777, 22",
        "MINUTE, -1.5, 59",
        "HOUR, -1.5, 23",
        "YEAR, -1, 1969",
        "YEAR, 9.3e15, 294707238",
        "YEAR, 1e17, 3168875820",
        "YEAR, -1e18, -31688736537",
        "YEAR, 9.2e18, 291536396232",
        "MONTH, -9.2e18, 5",
    })
    void readsFieldsAsPrometheusDoes(Field field, double seconds, double expected) {
        assertThat(UnixCalendar.field(field, seconds)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"NaN", "Infinity", "-Infinity", "9.3e18", "-9.3e18"})
    void valuesWithoutAnInt64SecondCountHaveNoDate(double seconds) {
        for (Field f : Field.values()) {
            assertThat(UnixCalendar.field(f, seconds)).isNaN();
        }
    }

    @Test
    void agreesWithJavaTimeWhereItReaches() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 20_000; i++) {
            // Values are doubles: draw one and compare with the whole seconds it holds.
            double seconds = random.nextLong(-31_000_000_000_000_000L, 31_000_000_000_000_000L);
            ZonedDateTime d = Instant.ofEpochSecond((long) seconds).atZone(ZoneOffset.UTC);
            assertThat(UnixCalendar.field(Field.YEAR, seconds))
                    .as("%f", seconds)
                    .isEqualTo(d.getYear());
            assertThat(UnixCalendar.field(Field.MONTH, seconds))
                    .as("%f", seconds)
                    .isEqualTo(d.getMonthValue());
            assertThat(UnixCalendar.field(Field.DAY_OF_MONTH, seconds))
                    .as("%f", seconds)
                    .isEqualTo(d.getDayOfMonth());
            assertThat(UnixCalendar.field(Field.DAY_OF_YEAR, seconds)).isEqualTo(d.getDayOfYear());
            assertThat(UnixCalendar.field(Field.DAY_OF_WEEK, seconds))
                    .isEqualTo(d.getDayOfWeek().getValue() % 7);
            assertThat(UnixCalendar.field(Field.DAYS_IN_MONTH, seconds))
                    .isEqualTo(d.toLocalDate().lengthOfMonth());
            assertThat(UnixCalendar.field(Field.HOUR, seconds))
                    .as("%f", seconds)
                    .isEqualTo(d.getHour());
            assertThat(UnixCalendar.field(Field.MINUTE, seconds)).isEqualTo(d.getMinute());
        }
    }
}
