package dev.vigil.model.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StaleMarkerTest {
    @Test
    void hasPrometheusBitPattern() {
        assertThat(Double.doubleToRawLongBits(StaleMarker.STALE_NAN)).isEqualTo(0x7ff0000000000002L);
        assertThat(Double.isNaN(StaleMarker.STALE_NAN)).isTrue();
    }

    @Test
    void distinguishesStaleFromOrdinaryNaN() {
        assertThat(StaleMarker.isStaleNaN(StaleMarker.STALE_NAN)).isTrue();
        assertThat(StaleMarker.isStaleNaN(Double.NaN)).isFalse();
        assertThat(StaleMarker.isStaleNaN(Double.longBitsToDouble(0x7ff0000000000001L)))
                .isFalse();
        assertThat(StaleMarker.isStaleNaN(0.0)).isFalse();
        assertThat(StaleMarker.isStaleNaN(Double.POSITIVE_INFINITY)).isFalse();
    }

    @Test
    void survivesArrayStorage() {
        double[] values = {StaleMarker.STALE_NAN};
        double copy = values[0];
        assertThat(StaleMarker.isStaleNaN(copy)).isTrue();
    }
}
