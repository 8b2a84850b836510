package dev.vigil.server.cli;

import dev.vigil.config.core.ByteSize;
import dev.vigil.config.core.PromDuration;
import dev.vigil.server.http.ListenAddress;
import dev.vigil.server.log.LogFormat;
import dev.vigil.server.log.LogLevel;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Flag value parsers; each failure message names the accepted form. */
final class Converters {
    private Converters() {}

    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return PromDuration.parse(value).toDuration();
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a valid duration (" + e.getMessage() + ")");
            }
        }
    }

    static final class ByteSizeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return ByteSize.parse(value).bytes();
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a valid size (" + e.getMessage() + ")");
            }
        }
    }

    static final class ListenAddressConverter implements ITypeConverter<ListenAddress> {
        @Override
        public ListenAddress convert(String value) {
            try {
                return ListenAddress.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class LogLevelConverter implements ITypeConverter<LogLevel> {
        @Override
        public LogLevel convert(String value) {
            return parseEnum(LogLevel.class, value);
        }
    }

    static final class LogFormatConverter implements ITypeConverter<LogFormat> {
        @Override
        public LogFormat convert(String value) {
            return parseEnum(LogFormat.class, value);
        }
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            throw new TypeConversionException("'" + value + "' is not one of " + allowed);
        }
    }
}
