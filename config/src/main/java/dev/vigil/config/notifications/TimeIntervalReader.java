package dev.vigil.config.notifications;

import dev.vigil.config.core.MapReader;
import dev.vigil.config.notifications.TimeInterval.Range;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code time_intervals} entries with Alertmanager's range syntax ({@code monday:friday}, {@code 1:5}). */
final class TimeIntervalReader {
    private static final List<String> WEEKDAYS =
            List.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday");
    private static final List<String> MONTHS = List.of(
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december");
    private static final Pattern CLOCK = Pattern.compile("([0-9]{2}):([0-9]{2})");

    private TimeIntervalReader() {}

    static TimeIntervalConfig read(MapReader r) {
        String name = r.requiredString("name");
        List<TimeInterval> intervals = r.mapList("time_intervals", TimeIntervalReader::interval);
        return new TimeIntervalConfig(name, intervals);
    }

    private static Optional<TimeInterval> interval(MapReader r) {
        List<Range> times = r.mapList("times", TimeIntervalReader::time);
        List<Range> weekdays = ranges(r, "weekdays", WEEKDAYS, 0, 6, false);
        List<Range> days = ranges(r, "days_of_month", List.of(), -31, 31, true);
        List<Range> months = ranges(r, "months", MONTHS, 1, 12, false);
        List<Range> years = ranges(r, "years", List.of(), 1, 9999, false);
        ZoneId location = ZoneOffset.UTC;
        String zone = r.string("location", "UTC");
        if (zone.equals("Local")) {
            location = ZoneId.systemDefault();
        } else if (!zone.equals("UTC")) {
            try {
                location = ZoneId.of(zone);
            } catch (RuntimeException e) {
                r.error("location", "unknown time zone \"" + zone + "\"");
            }
        }
        return Optional.of(new TimeInterval(times, weekdays, days, months, years, location));
    }

    private static Optional<Range> time(MapReader r) {
        int start = clock(r, "start_time");
        int end = clock(r, "end_time");
        if (start < 0 || end < 0) {
            return Optional.empty();
        }
        if (start >= end) {
            r.error("end_time", "start time cannot be equal or greater than end time");
            return Optional.empty();
        }
        return Optional.of(new Range(start, end));
    }

    private static int clock(MapReader r, String key) {
        Optional<String> text = r.optionalString(key);
        if (text.isEmpty()) {
            r.missing(key);
            return -1;
        }
        Matcher m = CLOCK.matcher(text.get());
        if (m.matches()) {
            int hours = Integer.parseInt(m.group(1));
            int minutes = Integer.parseInt(m.group(2));
            int total = hours * 60 + minutes;
            if (minutes < 60 && total <= 24 * 60) {
                return total;
            }
        }
        r.error(key, "invalid time of day \"" + text.get() + "\" (expected HH:MM between 00:00 and 24:00)");
        return -1;
    }

    private static List<Range> ranges(
            MapReader r, String key, List<String> names, int min, int max, boolean allowNegative) {
        List<Range> out = new ArrayList<>();
        for (String text : r.stringList(key)) {
            String[] parts = text.split(":", -1);
            if (parts.length > 2) {
                r.error(key, "invalid range \"" + text + "\"");
                continue;
            }
            Integer start = value(parts[0], names);
            Integer end = parts.length == 2 ? value(parts[1], names) : start;
            if (start == null || end == null) {
                r.error(key, "invalid value in \"" + text + "\" for " + key);
                continue;
            }
            if (start < min || start > max || end < min || end > max || (allowNegative && (start == 0 || end == 0))) {
                r.error(key, "value out of range in \"" + text + "\" for " + key + " (" + min + " to " + max + ")");
                continue;
            }
            if ((start >= 0) == (end >= 0) && start > end) {
                r.error(key, "start cannot be after end in \"" + text + "\"");
                continue;
            }
            out.add(new Range(start, end));
        }
        return out;
    }

    private static Integer value(String text, List<String> names) {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        int index = names.indexOf(lower);
        if (index >= 0) {
            return names == MONTHS ? index + 1 : index;
        }
        try {
            return Integer.parseInt(lower);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
