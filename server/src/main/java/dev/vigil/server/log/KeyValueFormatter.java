package dev.vigil.server.log;

import dev.vigil.model.log.KeyValueRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * Renders log records as one logfmt or JSON line each, with the keys Prometheus uses ({@code ts},
 * {@code caller}, {@code level}, {@code msg}, then the record's own pairs and {@code err}).
 * Records from libraries (Vert.x, Netty) that log plain JUL messages get the same shape.
 */
public final class KeyValueFormatter extends Formatter {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final LogFormat format;

    public KeyValueFormatter(LogFormat format) {
        this.format = format;
    }

    @Override
    public String format(LogRecord record) {
        List<Object> pairs = new ArrayList<>();
        pairs.add("ts");
        pairs.add(TIME.format(Instant.ofEpochMilli(record.getMillis())));
        pairs.add("caller");
        pairs.add(caller(record.getLoggerName()));
        pairs.add("level");
        pairs.add(LogLevel.nameOf(record.getLevel()));
        pairs.add("msg");
        if (record instanceof KeyValueRecord kv) {
            pairs.add(kv.getMessage());
            pairs.addAll(kv.keyValues());
        } else {
            pairs.add(formatMessage(record));
        }
        if (record.getThrown() != null) {
            pairs.add("err");
            pairs.add(describe(record.getThrown()));
        }
        return format == LogFormat.JSON ? json(pairs) : logfmt(pairs);
    }

    private static String caller(String loggerName) {
        if (loggerName == null) {
            return "unknown";
        }
        int dot = loggerName.lastIndexOf('.');
        return dot < 0 ? loggerName : loggerName.substring(dot + 1);
    }

    /** The error's message; unexpected failures (runtime exceptions, errors) also get their stack trace. */
    private static String describe(Throwable error) {
        String message = error.getMessage();
        String text = message == null ? error.getClass().getName() : message;
        if (error instanceof RuntimeException || error instanceof Error) {
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            return text + "\n" + trace;
        }
        return text;
    }

    static String logfmt(List<Object> pairs) {
        StringBuilder out = new StringBuilder(128);
        for (int i = 0; i < pairs.size(); i += 2) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(pairs.get(i)).append('=');
            appendLogfmtValue(String.valueOf(pairs.get(i + 1)), out);
        }
        return out.append('\n').toString();
    }

    private static void appendLogfmtValue(String value, StringBuilder out) {
        boolean quote = value.isEmpty();
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c <= ' ' || c == '=' || c == '"' || c == '\\';
        }
        if (!quote) {
            out.append(value);
            return;
        }
        out.append('"');
        appendEscaped(value, out);
        out.append('"');
    }

    static String json(List<Object> pairs) {
        StringBuilder out = new StringBuilder(160).append('{');
        for (int i = 0; i < pairs.size(); i += 2) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"');
            appendEscaped(String.valueOf(pairs.get(i)), out);
            out.append("\":\"");
            appendEscaped(String.valueOf(pairs.get(i + 1)), out);
            out.append('"');
        }
        return out.append("}\n").toString();
    }

    private static void appendEscaped(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
