package dev.vigil.ui.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.vigil.model.labels.Labels;
import dev.vigil.ui.json.FloatFormatter.Style;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;

/**
 * A streaming JSON writer for Prometheus's API shapes over a Jackson generator: strings escaped as Prometheus escapes
 * them (HTML-safe everywhere except inside label objects), floats and timestamps formatted as its Go code formats
 * them. Nothing is buffered beyond Jackson's output buffer, so results of any size stream out.
 *
 * <pre>{@code
 * try (ApiJson json = ApiJson.to(out)) {
 *     json.startObject();
 *     json.field("metric");
 *     json.labels(series.labels());
 *     json.field("value");
 *     json.startArray();
 *     json.sampleTimestamp(t);
 *     json.sampleValue(v);
 *     json.endArray();
 *     json.endObject();
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one writer per response.
 */
public final class ApiJson implements Closeable {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    private final JsonGenerator gen;
    private final FloatFormatter floats = new FloatFormatter();
    private final char[] scratch = new char[40];

    private ApiJson(JsonGenerator gen) {
        this.gen = gen;
        gen.setCharacterEscapes(GoEscapes.HTML);
    }

    /** A writer of UTF-8 JSON into {@code out}; closing the writer flushes but does not close {@code out}. */
    public static ApiJson to(OutputStream out) throws IOException {
        return new ApiJson(FACTORY.createGenerator(out, JsonEncoding.UTF8));
    }

    public void startObject() throws IOException {
        gen.writeStartObject();
    }

    public void endObject() throws IOException {
        gen.writeEndObject();
    }

    public void startArray() throws IOException {
        gen.writeStartArray();
    }

    public void endArray() throws IOException {
        gen.writeEndArray();
    }

    /** An object field name, HTML-escaped as Go escapes map keys and struct tags. */
    public void field(String name) throws IOException {
        gen.writeFieldName(name);
    }

    /** A string value, HTML-escaped. */
    public void string(String s) throws IOException {
        gen.writeString(s);
    }

    /** A string value, or {@code null}. */
    public void stringOrNull(String s) throws IOException {
        if (s == null) {
            gen.writeNull();
        } else {
            gen.writeString(s);
        }
    }

    public void number(long n) throws IOException {
        gen.writeNumber(n);
    }

    public void bool(boolean b) throws IOException {
        gen.writeBoolean(b);
    }

    public void nullValue() throws IOException {
        gen.writeNull();
    }

    /** A float JSON number as Go's encoding/json writes one ({@code 0.5}, {@code 1e-7}); must be finite. */
    public void jsonNumber(double v) throws IOException {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("JSON has no number for " + v);
        }
        int n = floats.format(v, Style.JSON_NUMBER);
        gen.writeRawValue(floats.chars(), 0, n);
    }

    /** A float as a quoted string in {@code style}, e.g. sample values {@code "1.5"}, {@code "NaN"}. */
    public void floatString(double v, Style style) throws IOException {
        int n = floats.format(v, style);
        gen.writeString(floats.chars(), 0, n);
    }

    /** A sample value as Prometheus writes it: {@code "0.30000000000000004"}, {@code "1e-07"}, {@code "+Inf"}. */
    public void sampleValue(double v) throws IOException {
        floatString(v, Style.SAMPLE_VALUE);
    }

    /**
     * A sample timestamp in seconds as Prometheus writes it: whole seconds, then exactly three decimals unless they
     * are all zero ({@code 1435781451.781}, {@code 1.500}, {@code 10}).
     */
    public void sampleTimestamp(long ms) throws IOException {
        int n = 0;
        long t = ms;
        if (t < 0) {
            scratch[n++] = '-';
            t = t == Long.MIN_VALUE ? Long.MAX_VALUE : -t;
        }
        n = appendLong(t / 1000, n);
        int fraction = (int) (t % 1000);
        if (fraction != 0) {
            scratch[n++] = '.';
            scratch[n++] = (char) ('0' + fraction / 100);
            scratch[n++] = (char) ('0' + fraction / 10 % 10);
            scratch[n++] = (char) ('0' + fraction % 10);
        }
        gen.writeRawValue(scratch, 0, n);
    }

    private int appendLong(long v, int at) {
        int digits = 1;
        for (long rest = v / 10; rest > 0; rest /= 10) {
            digits++;
        }
        for (int i = at + digits - 1; i >= at; i--) {
            scratch[i] = (char) ('0' + (int) (v % 10));
            v /= 10;
        }
        return at + digits;
    }

    /** A label set as an object in label order, escaped as Prometheus 3 escapes labels (no HTML escaping). */
    public void labels(Labels labels) throws IOException {
        gen.setCharacterEscapes(GoEscapes.PLAIN);
        try {
            gen.writeStartObject();
            for (int i = 0; i < labels.size(); i++) {
                gen.writeFieldName(labels.name(i));
                gen.writeString(labels.value(i));
            }
            gen.writeEndObject();
        } finally {
            gen.setCharacterEscapes(GoEscapes.HTML);
        }
    }

    /** A list of strings, HTML-escaped. */
    public void strings(Collection<String> values) throws IOException {
        gen.writeStartArray();
        for (String v : values) {
            gen.writeString(v);
        }
        gen.writeEndArray();
    }

    /**
     * A time as Go's {@code time.Time} marshals it (RFC 3339 with nanoseconds, trailing zeros dropped, UTC); {@code
     * null} is Go's zero time {@code 0001-01-01T00:00:00Z}.
     */
    public void time(Instant t) throws IOException {
        gen.writeString(rfc3339(t));
    }

    /** The text of {@link #time(Instant)}. */
    public static String rfc3339(Instant t) {
        if (t == null) {
            return "0001-01-01T00:00:00Z";
        }
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(30);
        pad(out, d.getYear(), 4).append('-');
        pad(out, d.getMonthValue(), 2).append('-');
        pad(out, d.getDayOfMonth(), 2).append('T');
        pad(out, d.getHour(), 2).append(':');
        pad(out, d.getMinute(), 2).append(':');
        pad(out, d.getSecond(), 2);
        int nanos = d.getNano();
        if (nanos != 0) {
            String digits = Integer.toString(1_000_000_000 + nanos).substring(1);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            out.append('.').append(digits, 0, end);
        }
        return out.append('Z').toString();
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(s);
    }

    /** Writes everything buffered to the output stream. */
    public void flush() throws IOException {
        gen.flush();
    }

    @Override
    public void close() throws IOException {
        gen.close();
    }
}
