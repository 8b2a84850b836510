package dev.vigil.alerting.template;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/**
 * A point in time as templates see Go's {@code time.Time}: prints as {@code 2015-06-23 13:19:44.128 +0000 UTC} and
 * offers {@code .Format "2006-01-02T15:04:05Z07:00"} (Go's reference-time layouts), {@code .Unix},
 * {@code .UnixMilli}, {@code .UTC}, {@code .IsZero} and {@code .In "Europe/Berlin"}. Immutable.
 */
public final class GoTime implements TemplateObject {
    /** Go's zero time, 0001-01-01 00:00:00 UTC. */
    public static final GoTime ZERO = new GoTime(ZonedDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));

    private final ZonedDateTime time;

    public GoTime(ZonedDateTime time) {
        this.time = time;
    }

    public static GoTime of(Instant instant) {
        return new GoTime(instant.atZone(ZoneOffset.UTC));
    }

    public ZonedDateTime time() {
        return time;
    }

    @Override
    public boolean hasMember(String name) {
        return switch (name) {
            case "Format", "Unix", "UnixMilli", "UTC", "IsZero", "In", "String" -> true;
            default -> false;
        };
    }

    @Override
    public Object member(String name, List<Object> args) throws TemplateException {
        return switch (name) {
            case "Format" -> {
                if (args.size() != 1 || !(args.get(0) instanceof String layout)) {
                    throw new TemplateException("Format takes one layout string");
                }
                yield format(layout);
            }
            case "Unix" -> time.toEpochSecond();
            case "UnixMilli" -> time.toInstant().toEpochMilli();
            case "UTC" -> new GoTime(time.withZoneSameInstant(ZoneOffset.UTC));
            case "IsZero" -> equals(ZERO);
            case "String" -> toString();
            case "In" -> {
                if (args.size() != 1 || !(args.get(0) instanceof String zone)) {
                    throw new TemplateException("In takes one time zone name");
                }
                yield new GoTime(time.withZoneSameInstant(zone(zone)));
            }
            default -> throw new TemplateException("BUG: no member " + name);
        };
    }

    static ZoneId zone(String name) throws TemplateException {
        if (name.isEmpty() || name.equals("UTC")) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(name);
        } catch (RuntimeException e) {
            throw new TemplateException("unknown time zone " + name);
        }
    }

    @Override
    public String typeName() {
        return "time.Time";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GoTime other && other.time.toInstant().equals(time.toInstant());
    }

    @Override
    public int hashCode() {
        return time.toInstant().hashCode();
    }

    /** Go's {@code Time.String()}: {@code 2006-01-02 15:04:05.999999999 -0700 MST}. */
    @Override
    public String toString() {
        return format("2006-01-02 15:04:05.999999999 -0700 MST");
    }

    /** Formats with a Go reference-time layout ({@code Mon Jan 2 15:04:05 MST 2006}). */
    public String format(String layout) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < layout.length()) {
            int consumed = formatChunk(layout, i, out);
            if (consumed == 0) {
                out.append(layout.charAt(i));
                i++;
            } else {
                i += consumed;
            }
        }
        return out.toString();
    }

    private int formatChunk(String layout, int i, StringBuilder out) {
        String rest = layout.substring(i);
        int hour = time.getHour();
        switch (rest.charAt(0)) {
            case 'J':
                if (rest.startsWith("January")) {
                    out.append(time.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                    return 7;
                }
                if (rest.startsWith("Jan")) {
                    out.append(time.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                    return 3;
                }
                return 0;
            case 'M':
                if (rest.startsWith("Monday")) {
                    out.append(time.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                    return 6;
                }
                if (rest.startsWith("Mon")) {
                    out.append(time.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                    return 3;
                }
                if (rest.startsWith("MST")) {
                    out.append(zoneAbbreviation());
                    return 3;
                }
                return 0;
            case '0':
                if (rest.startsWith("002")) {
                    out.append(String.format("%03d", time.getDayOfYear()));
                    return 3;
                }
                if (rest.length() >= 2 && rest.charAt(1) >= '1' && rest.charAt(1) <= '6') {
                    int value =
                            switch (rest.charAt(1)) {
                                case '1' -> time.getMonthValue();
                                case '2' -> time.getDayOfMonth();
                                case '3' -> hour % 12 == 0 ? 12 : hour % 12;
                                case '4' -> time.getMinute();
                                case '5' -> time.getSecond();
                                default -> time.getYear() % 100;
                            };
                    out.append(String.format("%02d", value));
                    return 2;
                }
                return 0;
            case '1':
                if (rest.startsWith("15")) {
                    out.append(String.format("%02d", hour));
                    return 2;
                }
                out.append(time.getMonthValue());
                return 1;
            case '2':
                if (rest.startsWith("2006")) {
                    out.append(String.format("%04d", time.getYear()));
                    return 4;
                }
                out.append(time.getDayOfMonth());
                return 1;
            case '_':
                if (rest.startsWith("_2")) {
                    out.append(String.format("%2d", time.getDayOfMonth()));
                    return 2;
                }
                return 0;
            case '3':
                out.append(hour % 12 == 0 ? 12 : hour % 12);
                return 1;
            case '4':
                out.append(time.getMinute());
                return 1;
            case '5':
                out.append(time.getSecond());
                return 1;
            case 'P':
                if (rest.startsWith("PM")) {
                    out.append(hour >= 12 ? "PM" : "AM");
                    return 2;
                }
                return 0;
            case 'p':
                if (rest.startsWith("pm")) {
                    out.append(hour >= 12 ? "pm" : "am");
                    return 2;
                }
                return 0;
            case '-':
            case 'Z':
                return formatZone(rest, out);
            case '.':
            case ',':
                return formatFraction(rest, out);
            default:
                return 0;
        }
    }

    private int formatZone(String rest, StringBuilder out) {
        boolean z = rest.charAt(0) == 'Z';
        String[] layouts = {"-07:00:00", "-070000", "-07:00", "-0700", "-07"};
        for (String l : layouts) {
            String candidate = z ? "Z" + l.substring(1) : l;
            if (!rest.startsWith(candidate)) {
                continue;
            }
            int offset = time.getOffset().getTotalSeconds();
            if (z && offset == 0) {
                out.append('Z');
                return candidate.length();
            }
            out.append(offset < 0 ? '-' : '+');
            int abs = Math.abs(offset);
            out.append(String.format("%02d", abs / 3600));
            boolean colon = l.contains(":");
            if (l.length() > 3) {
                out.append(colon ? ":" : "").append(String.format("%02d", (abs / 60) % 60));
            }
            if (l.length() == 9 || l.equals("-070000")) {
                out.append(colon ? ":" : "").append(String.format("%02d", abs % 60));
            }
            return candidate.length();
        }
        return 0;
    }

    private int formatFraction(String rest, StringBuilder out) {
        if (rest.length() < 2 || (rest.charAt(1) != '0' && rest.charAt(1) != '9')) {
            return 0;
        }
        char digit = rest.charAt(1);
        int n = 1;
        while (n < rest.length() && rest.charAt(n) == digit) {
            n++;
        }
        if (n < rest.length() && Character.isDigit(rest.charAt(n))) {
            return 0;
        }
        int digits = n - 1;
        String nanos = String.format("%09d", time.getNano()).substring(0, Math.min(9, digits));
        if (digit == '9') {
            nanos = nanos.replaceAll("0+$", "");
            if (!nanos.isEmpty()) {
                out.append(rest.charAt(0)).append(nanos);
            }
        } else {
            out.append(rest.charAt(0)).append(nanos);
        }
        return n;
    }

    private String zoneAbbreviation() {
        if (time.getZone() instanceof ZoneOffset offset) {
            if (offset.getTotalSeconds() == 0) {
                return "UTC";
            }
            String id = offset.getId().replace(":", "");
            return id.endsWith("00") ? id.substring(0, id.length() - 2) : id;
        }
        return time.getZone().getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equals("GMT")
                ? "GMT"
                : java.time.format.DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH)
                        .format(time);
    }
}
