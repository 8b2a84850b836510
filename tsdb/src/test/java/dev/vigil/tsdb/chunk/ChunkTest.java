package dev.vigil.tsdb.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.sample.StaleMarker;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChunkTest {

    /** Appends, then checks the live iterator and the serialized form decode the exact bits. */
    private static void roundTrip(Supplier<Chunk> factory, long[] times, double[] values) {
        Chunk chunk = factory.get();
        for (int i = 0; i < times.length; i++) {
            chunk.append(times[i], values[i]);
        }
        assertThat(chunk.count()).isEqualTo(times.length);
        assertThat(chunk.minTime()).isEqualTo(times[0]);
        assertThat(chunk.maxTime()).isEqualTo(times[times.length - 1]);
        byte[] bytes = chunk.toBytes();
        assertThat(bytes).hasSize(chunk.sizeBytes());
        assertSamples(chunk.iterator(null), times, values);
        assertSamples(Chunk.iterator(bytes, null), times, values);
    }

    private static void assertSamples(ChunkIterator it, long[] times, double[] values) {
        for (int i = 0; i < times.length; i++) {
            assertThat(it.next()).as("sample %d exists", i).isTrue();
            assertThat(it.timestamp()).as("timestamp %d", i).isEqualTo(times[i]);
            assertThat(Double.doubleToRawLongBits(it.value()))
                    .as("value %d: expected %s got %s", i, values[i], it.value())
                    .isEqualTo(Double.doubleToRawLongBits(values[i]));
        }
        assertThat(it.next()).isFalse();
        assertThat(it.next()).isFalse();
    }

    static Stream<Arguments> encoders() {
        return Stream.of(
                Arguments.of("adaptive", (Supplier<Chunk>) Chunk::create),
                Arguments.of("xor", (Supplier<Chunk>) Chunk::xorOnly));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encoders")
    void randomValuesAndTimestamps(String name, Supplier<Chunk> factory) {
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(300);
            long[] times = new long[n];
            double[] values = new double[n];
            long t = random.nextLong(-1L << 50, 1L << 50);
            for (int i = 0; i < n; i++) {
                t += 1
                        + switch (random.nextInt(4)) {
                            case 0 -> 15_000;
                            case 1 -> random.nextInt(100);
                            case 2 -> random.nextLong(1L << 40);
                            default -> 15_000 + random.nextInt(-5, 5);
                        };
                times[i] = t;
                values[i] = switch (random.nextInt(6)) {
                    case 0 -> random.nextDouble();
                    case 1 -> Double.longBitsToDouble(random.nextLong());
                    case 2 -> random.nextInt(1000);
                    case 3 -> i > 0 ? values[i - 1] : 0;
                    case 4 -> random.nextLong(-(1L << 52), 1L << 52);
                    default -> -random.nextInt(10);
                };
            }
            roundTrip(factory, times, values);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encoders")
    void specialValues(String name, Supplier<Chunk> factory) {
        double[] values = {
            0,
            -0.0,
            Double.NaN,
            StaleMarker.STALE_NAN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE,
            Double.MAX_VALUE,
            -Double.MAX_VALUE,
            1,
            Double.longBitsToDouble(0x7ff8000000000123L),
            9e15,
            -9e15,
            1L << 53,
            StaleMarker.STALE_NAN
        };
        long[] times = new long[values.length];
        for (int i = 0; i < times.length; i++) {
            times[i] = i * 1000L;
        }
        roundTrip(factory, times, values);
    }

    @Test
    void staleMarkerSurvivesIntegerChunkSwitch() {
        Chunk chunk = Chunk.create();
        for (int i = 0; i < 10; i++) {
            chunk.append(i * 15_000L, i * 3);
        }
        assertThat(chunk.encoding()).isEqualTo(Encoding.INTEGER_DOD);
        chunk.append(150_000, StaleMarker.STALE_NAN);
        assertThat(chunk.encoding()).isEqualTo(Encoding.XOR);
        ChunkIterator it = Chunk.iterator(chunk.toBytes(), null);
        assertThat(it.seek(150_000)).isTrue();
        assertThat(StaleMarker.isStaleNaN(it.value())).isTrue();
    }

    @Test
    void extremeTimestampsAndHugeDeltas() {
        long[] times = {
            Long.MIN_VALUE, -1L << 62, -1, 0, 1, 1L << 40, (1L << 40) + 1, Long.MAX_VALUE - 1, Long.MAX_VALUE
        };
        double[] values = new double[times.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        roundTrip(Chunk::create, times, values);
        roundTrip(Chunk::xorOnly, times, values);
    }

    @Test
    void negativeTimestamps() {
        long[] times = new long[50];
        double[] values = new double[50];
        for (int i = 0; i < 50; i++) {
            times[i] = -1_000_000 + i * 15_000L;
            values[i] = -i * 0.5;
        }
        roundTrip(Chunk::create, times, values);
    }

    @Test
    void aChunkSizedFromItsPredecessorCodesTheSameAndDoesNotGrow() {
        Chunk first = Chunk.create();
        long[] times = new long[120];
        double[] values = new double[120];
        for (int i = 0; i < 120; i++) {
            times[i] = 1_000_000 + i * 15_000L + (i % 7 == 0 ? 3 : 0);
            values[i] = i % 5 == 0 ? i * 1.25 : i * 100;
            first.append(times[i], values[i]);
        }
        Chunk next = Chunk.create(first.usedWords() + 2);
        long[] initial = next.words();
        for (int i = 0; i < 120; i++) {
            next.append(times[i], values[i]);
        }
        assertThat(next.words()).isSameAs(initial);
        assertThat(next.toBytes()).isEqualTo(first.toBytes());
        assertThat(next.usedWords()).isEqualTo(first.usedWords());
        assertSamples(Chunk.iterator(next.toBytes(), null), times, values);
        // A capacity below the minimum is raised, not trusted.
        Chunk tiny = Chunk.create(0);
        tiny.append(5, 1);
        assertThat(tiny.toBytes()).isEqualTo(single(5, 1));
    }

    private static byte[] single(long t, double v) {
        Chunk c = Chunk.create();
        c.append(t, v);
        return c.toBytes();
    }

    @Test
    void singleSample() {
        roundTrip(Chunk::create, new long[] {123}, new double[] {4.5});
        roundTrip(Chunk::create, new long[] {-7}, new double[] {4});
        Chunk chunk = Chunk.create();
        chunk.append(5, 1);
        // encoding, count, first time, decimals, shift and first integer: six bytes, no stream
        assertThat(chunk.sizeBytes()).isEqualTo(6);
        assertThat(chunk.toBytes()).hasSize(6);
    }

    @Test
    void fullChunkOf120ScrapesIsCompact() {
        long[] times = new long[120];
        double[] counter = new double[120];
        double[] gauge = new double[120];
        SplittableRandom random = new SplittableRandom(7);
        double c = 1000;
        for (int i = 0; i < 120; i++) {
            times[i] = 1_700_000_000_000L + i * 15_000L;
            c += random.nextInt(5);
            counter[i] = c;
            gauge[i] = 50 + random.nextDouble();
        }
        roundTrip(Chunk::create, times, counter);
        roundTrip(Chunk::create, times, gauge);
        Chunk ints = Chunk.create();
        Chunk xor = Chunk.xorOnly();
        for (int i = 0; i < 120; i++) {
            ints.append(times[i], counter[i]);
            xor.append(times[i], counter[i]);
        }
        assertThat(ints.encoding()).isEqualTo(Encoding.INTEGER_DOD);
        assertThat(ints.sizeBytes())
                .as("integer encoding beats XOR on a small-increment counter")
                .isLessThan(xor.sizeBytes() * 3 / 4);
        // constant 15 s interval: timestamps cost one bit each after the second sample
        assertThat(ints.sizeBytes()).isLessThan(120 * 2);
    }

    @Test
    void integersThatCostMoreThanXorFallBackToXor() {
        Chunk chunk = Chunk.create();
        Chunk xor = Chunk.xorOnly();
        SplittableRandom random = new SplittableRandom(3);
        long[] times = new long[120];
        double[] values = new double[120];
        for (int i = 0; i < 120; i++) {
            times[i] = i * 15_000L;
            // few distinct values far apart: XOR reuses their bits, integer changes are huge
            values[i] = random.nextBoolean() ? 9_007_199_254_740_000.0 : 1.0;
            chunk.append(times[i], values[i]);
            xor.append(times[i], values[i]);
        }
        assertThat(chunk.encoding()).isEqualTo(Encoding.XOR);
        assertThat(chunk.sizeBytes()).isEqualTo(xor.sizeBytes());
        roundTrip(Chunk::create, times, values);
    }

    /** Bytes of a 120-sample chunk of {@code values} at a 15 s interval, after checking it round-trips. */
    private static int size(Chunk chunk, double[] values) {
        long[] times = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            times[i] = 1_700_000_000_000L + i * 15_000L;
            chunk.append(times[i], values[i]);
        }
        assertSamples(Chunk.iterator(chunk.toBytes(), null), times, values);
        return chunk.sizeBytes();
    }

    @Test
    void decimalsAndPowerOfTwoUnitsAreCodedAsIntegers() {
        SplittableRandom random = new SplittableRandom(9);
        double[] temperature = new double[120];
        double[] cpuSeconds = new double[120];
        double[] bytes = new double[120];
        double t = 42.5;
        double cpu = 12345.67;
        double b = 1L << 32;
        for (int i = 0; i < 120; i++) {
            t = Math.round((t + random.nextGaussian()) * 10) / 10.0;
            cpu = Math.round((cpu + random.nextDouble(0, 15)) * 100) / 100.0;
            b += Math.round(random.nextGaussian() * 100) * 4096;
            temperature[i] = t;
            cpuSeconds[i] = cpu;
            bytes[i] = b;
        }
        Chunk gauge = Chunk.create();
        assertThat(size(gauge, temperature)).isLessThan(size(Chunk.xorOnly(), temperature) / 3);
        assertThat(gauge.encoding())
                .as("a wandering gauge is coded by its changes")
                .isEqualTo(Encoding.INTEGER_DELTA);
        Chunk counter = Chunk.create();
        assertThat(size(counter, cpuSeconds)).isLessThan(size(Chunk.xorOnly(), cpuSeconds) / 2);
        assertThat(counter.encoding()).isIn(Encoding.INTEGER_DOD, Encoding.INTEGER_DELTA);
        Chunk pages = Chunk.create();
        assertThat(size(pages, bytes)).isLessThan(size(Chunk.xorOnly(), bytes) * 2 / 3);
    }

    @Test
    void moreDecimalsLaterAndValuesWithoutIntegerFormRoundTrip() {
        double[] values = {1, 1.5, 1.25, 1.125, 2, 3.0625, 1e15, -7.5, 0.1, 0.2, 0.30000000000000004, 4};
        long[] times = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            times[i] = i * 1000L;
        }
        roundTrip(Chunk::create, times, values);
        double[] edges = {0, -0.0, 9.007199254740991E15, 9.007199254740992E15, -9.007199254740991E15, 1e-6, 123456.789};
        long[] edgeTimes = new long[edges.length];
        for (int i = 0; i < edges.length; i++) {
            edgeTimes[i] = i;
        }
        roundTrip(Chunk::create, edgeTimes, edges);
        Chunk decimals = Chunk.create();
        decimals.append(0, 0.5);
        decimals.append(1, 0.25);
        decimals.append(2, 0.125);
        assertThat(decimals.encoding()).isEqualTo(Encoding.INTEGER_DOD);
        decimals.append(3, 0.3333333333333333);
        assertThat(decimals.encoding()).isEqualTo(Encoding.XOR);
    }

    @Test
    void slightlyLateScrapesCostFewBits() {
        Chunk chunk = Chunk.create();
        for (int i = 0; i < 120; i++) {
            // every fourth scrape 3 ms late, value constant
            chunk.append(1_700_000_000_000L + i * 15_000L + (i % 4 == 0 ? 3 : 0), 1);
        }
        // a late scrape costs three small delta-of-deltas of 7 bits (late, back, back to the rhythm), else one bit
        // per timestamp, and one bit per value: about 98 bytes and the header
        assertThat(chunk.sizeBytes()).isLessThan(112);
    }

    @Test
    void seekSemantics() {
        Chunk chunk = Chunk.create();
        for (int i = 0; i < 120; i++) {
            chunk.append(1000L * i, i);
        }
        ChunkIterator it = chunk.iterator(null);
        assertThat(it.seek(Long.MIN_VALUE)).isTrue();
        assertThat(it.timestamp()).isZero();
        assertThat(it.seek(0)).isTrue();
        assertThat(it.timestamp()).as("seek stays when already there").isZero();
        assertThat(it.seek(5500)).isTrue();
        assertThat(it.timestamp()).isEqualTo(6000);
        assertThat(it.value()).isEqualTo(6);
        assertThat(it.seek(1000)).isTrue();
        assertThat(it.timestamp()).as("seek never goes back").isEqualTo(6000);
        assertThat(it.next()).isTrue();
        assertThat(it.timestamp()).isEqualTo(7000);
        assertThat(it.seek(119_000)).isTrue();
        assertThat(it.value()).isEqualTo(119);
        assertThat(it.seek(119_001)).isFalse();
        assertThat(it.seek(0)).as("exhausted stays exhausted").isFalse();
        assertThatThrownBy(it::timestamp).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void integerCountersDecodeAcrossBatchesWithEscapesAndTimeJumps() {
        SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 300; round++) {
            int n = 1 + random.nextInt(400);
            long[] times = new long[n];
            double[] values = new double[n];
            long t = random.nextLong(-1L << 40, 1L << 40);
            long counter = random.nextLong(1L << 30);
            int scale = random.nextInt(3);
            for (int i = 0; i < n; i++) {
                t += switch (random.nextInt(20)) {
                    case 0 -> 1 + random.nextLong(1L << 45);
                    case 1 -> 1 + random.nextInt(3_000_000);
                    default -> 15_000 + random.nextInt(-3, 4);
                };
                counter += switch (random.nextInt(25)) {
                    case 0 -> random.nextLong(1L << 40);
                    case 1 -> 0;
                    default -> random.nextInt(1 + (round % 7) * 50);
                };
                times[i] = t;
                values[i] = scale == 0 ? counter : scale == 1 ? counter / 10.0 : counter * 1024.0;
            }
            roundTrip(Chunk::create, times, values);
            Chunk chunk = Chunk.create();
            for (int i = 0; i < n; i++) {
                chunk.append(times[i], values[i]);
            }
            int target = random.nextInt(n);
            ChunkIterator it = Chunk.iterator(chunk.toBytes(), null);
            assertThat(it.seek(times[target])).isTrue();
            assertThat(it.timestamp()).isEqualTo(times[target]);
            assertThat(it.value()).isEqualTo(values[target]);
        }
    }

    @Test
    void iteratorReuseAndEmptyChunk() {
        Chunk a = Chunk.create();
        a.append(1, 1);
        Chunk b = Chunk.xorOnly();
        b.append(2, 2.5);
        b.append(3, 3.5);
        ChunkIterator it = a.iterator(null);
        assertThat(it.next()).isTrue();
        assertThat(b.iterator(it)).isSameAs(it);
        assertThat(it.next()).isTrue();
        assertThat(it.value()).isEqualTo(2.5);
        assertThat(Chunk.create().iterator(it).next()).isFalse();
        assertThatThrownBy(() -> Chunk.create().toBytes()).hasMessageContaining("empty chunk");
        assertThatThrownBy(() -> Chunk.iterator(new byte[] {9, 0, 0, 0, 1}, null))
                .hasMessageContaining("unknown chunk encoding byte 9");
        assertThatThrownBy(() -> Chunk.iterator(new byte[2], null)).hasMessageContaining("shorter than its header");
    }

    @Test
    void liveIteratorSeesLaterAppends() {
        Chunk chunk = Chunk.create();
        chunk.append(0, 0);
        ChunkIterator it = chunk.iterator(null);
        assertThat(it.count()).isEqualTo(1);
        chunk.append(10, 0.5);
        assertThat(chunk.iterator(it).count()).isEqualTo(2);
        assertThat(it.seek(10)).isTrue();
        assertThat(it.value()).isEqualTo(0.5);
    }
}
