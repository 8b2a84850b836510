package dev.vigil.model.sample;

/**
 * Prometheus's staleness marker: a NaN with the payload {@code 0x7ff0000000000002}, written when a series or target
 * disappears. Queries treat it as the end of the series. It is distinct from an ordinary NaN sample, so always compare
 * bits with {@link #isStaleNaN(double)}, never with {@code ==} or {@link Double#isNaN}.
 *
 * <p>Arithmetic on NaNs may change their payload, so the marker only survives being stored and copied as a double, which
 * is all storage does.
 */
public final class StaleMarker {
    /** The raw bits of the stale marker. */
    public static final long STALE_NAN_BITS = 0x7ff0000000000002L;

    /** The stale marker as a double. */
    public static final double STALE_NAN = Double.longBitsToDouble(STALE_NAN_BITS);

    private StaleMarker() {}

    /** True exactly when {@code value} carries the stale marker's bit pattern. */
    public static boolean isStaleNaN(double value) {
        return Double.doubleToRawLongBits(value) == STALE_NAN_BITS;
    }
}
