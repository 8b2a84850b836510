package dev.vigil.tsdb.head;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.sample.StaleMarker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WalRecordTest {
    @Test
    void roundTripsExtremesAndIsCompactForScrapes() {
        WalRecord record = new WalRecord();
        long[] ids = {1, 2, 3, Long.MAX_VALUE, 5, 1};
        long[] times = {0, 0, 0, Long.MIN_VALUE, Long.MAX_VALUE, -15_000};
        double[] values = {1.5, Double.NaN, StaleMarker.STALE_NAN, -0.0, Double.NEGATIVE_INFINITY, 7};
        record.start(ids.length);
        for (int i = 0; i < ids.length; i++) {
            record.add(ids[i], times[i], values[i]);
        }
        List<String> decoded = new ArrayList<>();
        WalRecord.decode(
                record.toBytes(), (id, t, v) -> decoded.add(id + "@" + t + "=" + Double.doubleToRawLongBits(v)));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            expected.add(ids[i] + "@" + times[i] + "=" + Double.doubleToRawLongBits(values[i]));
        }
        assertThat(decoded).isEqualTo(expected);

        record.start(1000);
        for (int i = 1; i <= 1000; i++) {
            record.add(i, 1_700_000_000_000L, i);
        }
        assertThat(record.toBytes().length).isLessThan(1000 * 11 + 16);
    }

    @Test
    void checksumDetectsFlippedAndMissingBytes() {
        WalRecord record = new WalRecord();
        record.start(2);
        record.add(1, 1000, 1.5);
        record.add(2, 1000, 2.5);
        byte[] bytes = record.toBytes();
        assertThat(WalRecord.isIntact(bytes)).isTrue();
        assertThat(WalRecord.count(bytes)).isEqualTo(2);
        for (int i = 0; i < bytes.length; i++) {
            byte[] flipped = bytes.clone();
            flipped[i] ^= 0x10;
            assertThat(WalRecord.isIntact(flipped)).as("byte %d flipped", i).isFalse();
        }
        assertThat(WalRecord.isIntact(java.util.Arrays.copyOf(bytes, bytes.length - 1)))
                .isFalse();
        assertThat(WalRecord.isIntact(new byte[2])).isFalse();
    }
}
