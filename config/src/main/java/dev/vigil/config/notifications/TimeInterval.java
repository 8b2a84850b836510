package dev.vigil.config.notifications;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One Alertmanager time interval: each non-empty list restricts the times it contains, evaluated in
 * {@code location}. Immutable.
 *
 * @param times minute-of-day ranges, start inclusive and end exclusive
 * @param weekdays inclusive ranges with 0 = Sunday … 6 = Saturday
 * @param daysOfMonth inclusive ranges of 1…31 or, counted from the month's end, -1…-31
 * @param months inclusive ranges of 1…12
 * @param years inclusive ranges
 */
public record TimeInterval(
        List<Range> times,
        List<Range> weekdays,
        List<Range> daysOfMonth,
        List<Range> months,
        List<Range> years,
        ZoneId location) {

    public TimeInterval {
        times = List.copyOf(times);
        weekdays = List.copyOf(weekdays);
        daysOfMonth = List.copyOf(daysOfMonth);
        months = List.copyOf(months);
        years = List.copyOf(years);
        Objects.requireNonNull(location, "location");
    }

    /** An inclusive range, except for {@link #times()} whose end is exclusive. */
    public record Range(int start, int end) {}

    public boolean contains(Instant instant) {
        ZonedDateTime t = instant.atZone(location);
        if (!times.isEmpty()) {
            int minute = t.getHour() * 60 + t.getMinute();
            if (times.stream().noneMatch(r -> minute >= r.start() && minute < r.end())) {
                return false;
            }
        }
        int weekday = t.getDayOfWeek().getValue() % 7;
        if (!inAny(weekdays, weekday)) {
            return false;
        }
        if (!daysOfMonth.isEmpty()) {
            int length = t.toLocalDate().lengthOfMonth();
            int day = t.getDayOfMonth();
            boolean in = false;
            for (Range r : daysOfMonth) {
                int start = r.start() < 0 ? length + r.start() + 1 : r.start();
                int end = r.end() < 0 ? length + r.end() + 1 : r.end();
                if (day >= start && day <= Math.min(end, length)) {
                    in = true;
                    break;
                }
            }
            if (!in) {
                return false;
            }
        }
        return inAny(months, t.getMonthValue()) && inAny(years, t.getYear());
    }

    private static boolean inAny(List<Range> ranges, int value) {
        if (ranges.isEmpty()) {
            return true;
        }
        for (Range r : ranges) {
            if (value >= r.start() && value <= r.end()) {
                return true;
            }
        }
        return false;
    }
}
