package dev.vigil.config.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteSizeTest {

    @ParameterizedTest(name = "{0} = {1} bytes, printed {2}")
    @CsvSource({
        "0,          0,                    0B",
        "100B,       100,                  100B",
        "1KB,        1024,                 1KiB",
        "1KiB,       1024,                 1KiB",
        "512MB,      536870912,            512MiB",
        "1GB,        1073741824,           1GiB",
        "1.5GB,      1610612736,           1GiB512MiB",
        "1GB512MB,   1610612736,           1GiB512MiB",
        "2TiB,       2199023255552,        2TiB",
        "1PB,        1125899906842624,     1PiB",
        "1EB,        1152921504606846976,  1EiB",
        "+10MB,      10485760,             10MiB",
        "1024B,      1024,                 1KiB",
        "0.5KB,      512,                  512B",
    })
    void parsesBase2Sizes(String text, long bytes, String printed) {
        ByteSize size = ByteSize.parse(text);

        assertThat(size.bytes()).isEqualTo(bytes);
        assertThat(size).hasToString(printed);
        assertThat(ByteSize.parse(size.toString())).isEqualTo(size);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''      | empty size string",
                "512     | not a valid size: \"512\": a unit is required (B, KB, MB, GB, TB, PB, EB or KiB … EiB)",
                "10kb    | not a valid size: \"10kb\": unknown unit \"kb\" (B, KB, MB, GB, TB, PB, EB or KiB … EiB)",
                "10ZB    | not a valid size: \"10ZB\": unknown unit \"ZB\" (B, KB, MB, GB, TB, PB, EB or KiB … EiB)",
                "-1MB    | not a valid size: \"-1MB\": size must not be negative",
                "MB      | not a valid size: \"MB\": expected a number at position 1",
                "1MB1MiB | not a valid size: \"1MB1MiB\": do not mix KB-style and KiB-style units in one size",
                "16EB    | not a valid size: \"16EB\": size out of range",
                "1..5MB  | not a valid size: \"1..5MB\": expected a number at position 1",
            })
    void rejectsInvalidSizes(String text, String message) {
        assertThatThrownBy(() -> ByteSize.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
