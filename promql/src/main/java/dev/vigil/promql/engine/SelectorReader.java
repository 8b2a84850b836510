package dev.vigil.promql.engine;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.sample.StaleMarker;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.SeriesIterator;
import dev.vigil.model.storage.SeriesSet;
import dev.vigil.promql.ast.VectorSelector;
import java.util.Arrays;

/**
 * Reads a selector's series from storage one at a time, in label order, into reused primitive buffers: the samples in
 * the selector's needed time range ({@link SelectorRanges.Need}), without stale markers when it feeds a range. Series
 * without such samples are skipped. Counts what it reads in the query's statistics.
 *
 * <p>Usage: {@code while (r.next()) { use(r.labels(), r.timestamps(), r.values(), r.count()); }}. The buffers are
 * overwritten by the next {@link #next()}. One thread.
 */
final class SelectorReader {
    private final EvalContext ctx;
    private final SelectorRanges.Need need;
    private final SeriesSet set;
    private SeriesIterator reuse;
    private Labels labels;
    private long[] ts = new long[256];
    private double[] vs = new double[256];
    private int count;

    SelectorReader(Querier querier, VectorSelector selector, SelectorRanges.Need need, EvalContext ctx) {
        this.ctx = ctx;
        this.need = need;
        // Label order, as Prometheus reads series from more than one block: which of equal values topk keeps and the
        // order of groups depend on it, and it does not change with the order series were created in.
        this.set = querier.select(true, selector.storageMatchers());
    }

    /** Moves to the next series with samples in range; false when there is none. */
    boolean next() {
        while (set.next()) {
            ctx.checkpoint();
            dev.vigil.model.storage.Series s = set.at();
            SeriesIterator it = reuse == null ? s.iterator() : s.iterator(reuse);
            reuse = it;
            int n = 0;
            // Windows are left-open, so a sample at exactly minT is never needed.
            boolean ok = it.seek(need.minT + 1);
            while (ok && it.timestamp() <= need.maxT) {
                double v = it.value();
                if (!need.range || !StaleMarker.isStaleNaN(v)) {
                    if (n == ts.length) {
                        ts = Arrays.copyOf(ts, n * 2);
                        vs = Arrays.copyOf(vs, n * 2);
                    }
                    ts[n] = it.timestamp();
                    vs[n] = v;
                    n++;
                }
                ok = it.next();
            }
            if (n > 0) {
                labels = s.labels();
                count = n;
                ctx.seriesTouched++;
                ctx.samplesLoaded += n;
                return true;
            }
        }
        labels = null;
        count = 0;
        return false;
    }

    Labels labels() {
        return labels;
    }

    /** Timestamps of the current series' samples {@code [0, count())}. */
    long[] timestamps() {
        return ts;
    }

    /** Values of the current series' samples {@code [0, count())}. */
    double[] values() {
        return vs;
    }

    int count() {
        return count;
    }

    /** A copy of the current series that outlives {@link #next()}. */
    LoadedSeries copy() {
        return new LoadedSeries(labels, Arrays.copyOf(ts, count), Arrays.copyOf(vs, count), count);
    }
}
