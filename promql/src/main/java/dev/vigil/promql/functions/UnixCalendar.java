package dev.vigil.promql.functions;

import java.time.LocalDate;

/**
 * The calendar fields behind PromQL's {@code year()}, {@code month()}, {@code day_of_month()}, {@code day_of_year()},
 * {@code day_of_week()}, {@code days_in_month()}, {@code hour()} and {@code minute()}: a Unix time, truncated to whole
 * seconds, read in UTC on the proleptic Gregorian calendar.
 *
 * <p>Prometheus accepts every second count an int64 holds (years up to ±292 billion), where {@link java.time.Instant}
 * stops at year ±1 billion. The Gregorian calendar repeats every 400 years (146097 days, a whole number of weeks), so
 * the date is found within one 400-year cycle by {@link LocalDate} and the cycles are added to the year. Like Go's
 * time package, which Prometheus uses, days are counted from 1 January of year -292277022399 in unsigned 64-bit
 * arithmetic; second counts before that day (below about -9.2e18) wrap around as they do in Prometheus.
 *
 * <p>NaN, ±Inf and values beyond the int64 range give NaN: Prometheus converts them with Go's float-to-int64
 * conversion, whose result depends on the CPU (amd64 and arm64 differ), so there is no answer to agree with.
 *
 * <p>Stateless and thread-safe.
 */
public final class UnixCalendar {
    /** A field to read. */
    public enum Field {
        YEAR,
        MONTH,
        DAY_OF_MONTH,
        DAY_OF_YEAR,
        DAY_OF_WEEK,
        DAYS_IN_MONTH,
        HOUR,
        MINUTE
    }

    private static final long SECONDS_PER_DAY = 86_400;
    private static final long DAYS_PER_400_YEARS = 146_097;
    /** The first year of the day count; 1 modulo 400, so its cycles line up with those starting at year 1. */
    private static final long ZERO_YEAR = -292_277_022_399L;
    /** Seconds from 1 January {@link #ZERO_YEAR} to the Unix epoch: whole 400-year cycles to year 1, then to 1970. */
    private static final long ZERO_TO_UNIX_SECONDS = ((1 - ZERO_YEAR) / 400 * DAYS_PER_400_YEARS
                    + LocalDate.of(1970, 1, 1).toEpochDay()
                    - LocalDate.of(1, 1, 1).toEpochDay())
            * SECONDS_PER_DAY;

    private UnixCalendar() {}

    /** The field of the time {@code unixSeconds} (fractions are cut off toward zero), or NaN as described above. */
    public static double field(Field field, double unixSeconds) {
        if (Double.isNaN(unixSeconds) || unixSeconds >= 0x1p63 || unixSeconds < -0x1p63) {
            return Double.NaN;
        }
        // Unsigned: the sum exceeds Long.MAX_VALUE for times after 1970 and wraps for times before the zero year.
        long absolute = (long) unixSeconds + ZERO_TO_UNIX_SECONDS;
        long secondOfDay = Long.remainderUnsigned(absolute, SECONDS_PER_DAY);
        switch (field) {
            case HOUR:
                return secondOfDay / 3600;
            case MINUTE:
                return secondOfDay % 3600 / 60;
            default:
                break;
        }
        long days = Long.divideUnsigned(absolute, SECONDS_PER_DAY);
        long cycles = Long.divideUnsigned(days, DAYS_PER_400_YEARS);
        LocalDate inCycle = LocalDate.of(1, 1, 1).plusDays(Long.remainderUnsigned(days, DAYS_PER_400_YEARS));
        switch (field) {
            case YEAR:
                return (double) (ZERO_YEAR + 400 * cycles + inCycle.getYear() - 1);
            case MONTH:
                return inCycle.getMonthValue();
            case DAY_OF_MONTH:
                return inCycle.getDayOfMonth();
            case DAY_OF_YEAR:
                return inCycle.getDayOfYear();
            case DAY_OF_WEEK:
                return inCycle.getDayOfWeek().getValue() % 7;
            case DAYS_IN_MONTH:
                return inCycle.lengthOfMonth();
            default:
                throw new IllegalStateException("BUG: unknown calendar field " + field);
        }
    }
}
