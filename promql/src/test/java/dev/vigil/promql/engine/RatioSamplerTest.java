package dev.vigil.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.vigil.model.labels.Labels;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RatioSamplerTest {

    /** Expected values printed by xxHash's reference tool, {@code xxh64sum} (Debian package xxhash 0.8.1). */
    static Stream<Arguments> xxh64Vectors() {
        return Stream.of(
                arguments(new byte[0], 0xef46db3751d8e999L),
                arguments(ascii("a"), 0xd24ec4f1a98c6e5bL),
                arguments(ascii("abc"), 0x44bc2cf5ad770999L),
                arguments(ascii("Nobody inspects the spammish repetition"), 0xfbcea83c8a378bf1L),
                arguments(allBytesThreeTimes(), 0x8e03c838c596036fL));
    }

    @ParameterizedTest
    @MethodSource("xxh64Vectors")
    void xxh64MatchesTheReferenceImplementation(byte[] input, long expected) {
        assertThat(XxHash64.hash(input, 0, input.length)).isEqualTo(expected);
    }

    @Test
    void xxh64HashesOnlyTheGivenSlice() {
        byte[] padded = ascii("xxabcxx");
        assertThat(XxHash64.hash(padded, 2, 3)).isEqualTo(0x44bc2cf5ad770999L);
    }

    @Test
    void labelHashIsPrometheusLabelsHash() {
        // printf '__name__\xffhttp_requests\xffgroup\xffcanary\xffinstance\xff0\xffjob\xffapi-server\xff' | xxh64sum
        Labels l = Labels.of("__name__", "http_requests", "job", "api-server", "instance", "0", "group", "canary");
        assertThat(new RatioSampler().hash(l)).isEqualTo(0x72859264fb764a72L);
    }

    @Test
    void longLabelSetsGrowTheBuffer() {
        String big = "v".repeat(1000);
        Labels l = Labels.of("a", big, "b", big);
        byte[] bytes = ("a\u00ff" + big + "\u00ffb\u00ff" + big + "\u00ff").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(new RatioSampler().hash(l)).isEqualTo(XxHash64.hash(bytes, 0, bytes.length));
    }

    @Test
    void positiveAndNegativeRatiosAreComplements() {
        RatioSampler sampler = new RatioSampler();
        for (int i = 0; i < 200; i++) {
            Labels l = Labels.of("__name__", "m", "i", Integer.toString(i));
            assertThat(sampler.keep(l, 0.3)).isNotEqualTo(sampler.keep(l, -0.7));
            assertThat(sampler.keep(l, 1.0)).isTrue();
            assertThat(sampler.keep(l, -1.0)).isTrue();
            assertThat(sampler.keep(l, 0.0)).isFalse();
        }
    }

    @Test
    void unsignedConversionRoundsLikeGo() {
        assertThat(RatioSampler.unsignedToDouble(-1L)).isEqualTo(0x1.0p64);
        assertThat(RatioSampler.unsignedToDouble(Long.MIN_VALUE)).isEqualTo(0x1.0p63);
        assertThat(RatioSampler.unsignedToDouble(5)).isEqualTo(5.0);
        // 2^63 + 1025 is nearer to 2^63 + 2048 than to 2^63 (ties and beyond round up past the halfway point).
        assertThat(RatioSampler.unsignedToDouble(Long.MIN_VALUE + 1025)).isEqualTo(0x1.0p63 + 2048);
        assertThat(RatioSampler.unsignedToDouble(Long.MIN_VALUE + 1023)).isEqualTo(0x1.0p63);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] allBytesThreeTimes() {
        byte[] out = new byte[768];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) i;
        }
        return out;
    }
}
