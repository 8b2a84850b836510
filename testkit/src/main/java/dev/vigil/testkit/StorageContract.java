package dev.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.sample.StaleMarker;
import dev.vigil.model.storage.AppendException;
import dev.vigil.model.storage.Appender;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.SeriesIterator;
import dev.vigil.model.storage.SeriesSet;
import dev.vigil.model.storage.Storage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behaviour every {@link Storage} must have. Extend it in a test class of the implementation and implement {@link
 * #newStorage()}; the in-memory storage and the TSDB both run it.
 */
public abstract class StorageContract {
    private static final Labels UP_A = Labels.of("__name__", "up", "job", "a");
    private static final Labels UP_B = Labels.of("__name__", "up", "job", "b");
    private static final Labels REQ = Labels.of("__name__", "requests_total", "job", "a", "code", "200");

    protected Storage storage;

    /** A new, empty storage; closed after each test. */
    protected abstract Storage newStorage() throws Exception;

    @BeforeEach
    void openStorage() throws Exception {
        storage = newStorage();
    }

    @AfterEach
    void closeStorage() {
        storage.close();
    }

    protected static List<String> dump(Querier q, Matcher... matchers) {
        List<String> out = new ArrayList<>();
        SeriesSet set = q.select(true, matchers);
        while (set.next()) {
            StringBuilder sb = new StringBuilder(set.at().labels().toString());
            SeriesIterator it = set.at().iterator();
            while (it.next()) {
                sb.append(' ').append(it.timestamp()).append('=').append(it.value());
            }
            out.add(sb.toString());
        }
        return out;
    }

    protected List<String> dumpAll(long minT, long maxT, Matcher... matchers) {
        try (Querier q = storage.querier(minT, maxT)) {
            return dump(q, matchers);
        }
    }

    @Test
    void commitMakesBatchVisible() throws Exception {
        Appender app = storage.appender();
        app.append(0, UP_A, 1000, 1);
        app.append(0, UP_B, 1000, 0);
        assertThat(dumpAll(0, 5000)).isEmpty();
        app.commit();
        assertThat(dumpAll(0, 5000))
                .containsExactly("{__name__=\"up\", job=\"a\"} 1000=1.0", "{__name__=\"up\", job=\"b\"} 1000=0.0");
    }

    @Test
    void rollbackDropsBatch() throws Exception {
        Appender app = storage.appender();
        app.append(0, UP_A, 1000, 1);
        app.rollback();
        assertThat(dumpAll(Long.MIN_VALUE, Long.MAX_VALUE)).isEmpty();
        Appender again = storage.appender();
        again.append(0, UP_A, 500, 7);
        again.commit();
        assertThat(dumpAll(Long.MIN_VALUE, Long.MAX_VALUE)).containsExactly("{__name__=\"up\", job=\"a\"} 500=7.0");
    }

    @Test
    void spentAppenderRefusesUse() throws Exception {
        Appender app = storage.appender();
        app.append(0, UP_A, 1000, 1);
        app.commit();
        assertThatThrownBy(() -> app.append(0, UP_A, 2000, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(app::commit).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refIsStableAndReusable() throws Exception {
        Appender app = storage.appender();
        long ref = app.append(0, UP_A, 1000, 1);
        assertThat(ref).isNotZero();
        assertThat(app.append(ref, UP_A, 2000, 2)).isEqualTo(ref);
        long other = app.append(0, UP_B, 1000, 1);
        assertThat(other).isNotEqualTo(ref);
        app.commit();
        Appender next = storage.appender();
        assertThat(next.append(0, UP_A, 3000, 3)).isEqualTo(ref);
        assertThat(next.append(ref, UP_A, 4000, 4)).isEqualTo(ref);
        next.commit();
        assertThat(dumpAll(0, 10_000, Matcher.equal("job", "a")))
                .containsExactly("{__name__=\"up\", job=\"a\"} 1000=1.0 2000=2.0 3000=3.0 4000=4.0");
    }

    @Test
    void duplicateAndOutOfOrderFollowPrometheusHead() throws Exception {
        Appender app = storage.appender();
        app.append(0, UP_A, 2000, 1);
        app.commit();

        Appender second = storage.appender();
        assertThat(second.append(0, UP_A, 2000, 1)).isNotZero(); // same ts, same value: no-op
        AppendException dup = catchAppend(() -> second.append(0, UP_A, 2000, 5));
        assertThat(dup.kind()).isEqualTo(AppendException.Kind.DUPLICATE_TIMESTAMP);
        AppendException ooo = catchAppend(() -> second.append(0, UP_A, 1000, 5));
        assertThat(ooo.kind()).isEqualTo(AppendException.Kind.OUT_OF_ORDER);
        second.append(0, UP_A, 3000, 3); // the batch stays usable
        AppendException inBatch = catchAppend(() -> second.append(0, UP_A, 2500, 3));
        assertThat(inBatch.kind()).isEqualTo(AppendException.Kind.OUT_OF_ORDER);
        second.commit();
        assertThat(dumpAll(0, 10_000)).containsExactly("{__name__=\"up\", job=\"a\"} 2000=1.0 3000=3.0");
    }

    @Test
    void nanDuplicatesCompareBits() throws Exception {
        Appender app = storage.appender();
        app.append(0, UP_A, 1000, Double.NaN);
        app.append(0, UP_A, 1000, Double.NaN);
        AppendException e = catchAppend(() -> app.append(0, UP_A, 1000, StaleMarker.STALE_NAN));
        assertThat(e.kind()).isEqualTo(AppendException.Kind.DUPLICATE_TIMESTAMP);
        app.commit();
    }

    @Test
    void emptyLabelsAreInvalid() {
        Appender app = storage.appender();
        AppendException e = catchAppend(() -> app.append(0, Labels.EMPTY, 1000, 1));
        assertThat(e.kind()).isEqualTo(AppendException.Kind.INVALID_LABELS);
        app.rollback();
    }

    @Test
    void staleMarkerAndSpecialValuesRoundTrip() throws Exception {
        Appender app = storage.appender();
        app.append(0, UP_A, 1000, Double.POSITIVE_INFINITY);
        app.append(0, UP_A, 2000, Double.NEGATIVE_INFINITY);
        app.append(0, UP_A, 3000, Double.NaN);
        app.append(0, UP_A, 4000, StaleMarker.STALE_NAN);
        app.append(0, UP_A, 5000, -0.0);
        app.commit();
        try (Querier q = storage.querier(0, 10_000)) {
            SeriesSet set = q.select(false);
            assertThat(set.next()).isTrue();
            SeriesIterator it = set.at().iterator();
            long[] expectedBits = {
                Double.doubleToRawLongBits(Double.POSITIVE_INFINITY),
                Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY),
                Double.doubleToRawLongBits(Double.NaN),
                StaleMarker.STALE_NAN_BITS,
                Double.doubleToRawLongBits(-0.0)
            };
            for (long bits : expectedBits) {
                assertThat(it.next()).isTrue();
                assertThat(Double.doubleToRawLongBits(it.value())).isEqualTo(bits);
            }
            assertThat(it.next()).isFalse();
        }
    }

    @Test
    void selectAppliesAllMatcherTypes() throws Exception {
        Appender app = storage.appender();
        app.append(0, UP_A, 1000, 1);
        app.append(0, UP_B, 1000, 1);
        app.append(0, REQ, 1000, 1);
        app.commit();
        try (Querier q = storage.querier(0, 2000)) {
            assertThat(names(q, Matcher.equal("__name__", "up"))).containsExactly("up/a", "up/b");
            assertThat(names(q, Matcher.notEqual("job", "a"))).containsExactly("up/b");
            assertThat(names(q, Matcher.regex("__name__", "up|requests_total"), Matcher.regex("job", "a")))
                    .containsExactly("requests_total/a", "up/a");
            assertThat(names(q, Matcher.notRegex("job", "a.*"))).containsExactly("up/b");
            assertThat(names(q, Matcher.equal("code", ""))).containsExactly("up/a", "up/b");
            assertThat(names(q, Matcher.notEqual("code", ""))).containsExactly("requests_total/a");
            assertThat(names(q, Matcher.regex("code", "2.."))).containsExactly("requests_total/a");
            assertThat(names(q, Matcher.equal("job", "zzz"))).isEmpty();
            assertThat(names(q)).hasSize(3);
        }
    }

    private static List<String> names(Querier q, Matcher... matchers) {
        List<String> out = new ArrayList<>();
        SeriesSet set = q.select(true, matchers);
        while (set.next()) {
            Labels ls = set.at().labels();
            out.add(ls.metricName() + "/" + ls.get("job"));
        }
        return out;
    }

    @Test
    void selectIsSortedAndBoundedToRange() throws Exception {
        Appender app = storage.appender();
        for (int i = 9; i >= 0; i--) {
            app.append(0, Labels.of("__name__", "m", "i", Integer.toString(i)), 1000L * i, i);
        }
        app.commit();
        try (Querier q = storage.querier(3000, 5000)) {
            assertThat(dump(q))
                    .containsExactly(
                            "{__name__=\"m\", i=\"3\"} 3000=3.0",
                            "{__name__=\"m\", i=\"4\"} 4000=4.0",
                            "{__name__=\"m\", i=\"5\"} 5000=5.0");
            assertThat(q.labelValues("i")).containsExactly("3", "4", "5");
        }
    }

    @Test
    void iteratorSeeksForward() throws Exception {
        Appender app = storage.appender();
        for (int i = 0; i < 100; i++) {
            app.append(0, UP_A, 1000L * i, i);
        }
        app.commit();
        try (Querier q = storage.querier(10_000, 50_000)) {
            SeriesSet set = q.select(false);
            assertThat(set.next()).isTrue();
            SeriesIterator it = set.at().iterator();
            assertThat(it.seek(0)).isTrue();
            assertThat(it.timestamp()).isEqualTo(10_000);
            assertThat(it.seek(20_500)).isTrue();
            assertThat(it.timestamp()).isEqualTo(21_000);
            assertThat(it.seek(15_000)).isTrue();
            assertThat(it.timestamp()).as("seek never moves backwards").isEqualTo(21_000);
            assertThat(it.next()).isTrue();
            assertThat(it.timestamp()).isEqualTo(22_000);
            assertThat(it.value()).isEqualTo(22);
            assertThat(it.seek(50_000)).isTrue();
            assertThat(it.next()).isFalse();
            assertThat(it.seek(60_000)).isFalse();
        }
    }

    @Test
    void labelNamesAndValuesRestrictedToRangeAndMatchers() throws Exception {
        Appender app = storage.appender();
        app.append(0, UP_A, 1000, 1);
        app.append(0, REQ, 9000, 1);
        app.commit();
        try (Querier q = storage.querier(0, 2000)) {
            assertThat(q.labelNames()).containsExactly("__name__", "job");
            assertThat(q.labelValues("__name__")).containsExactly("up");
            assertThat(q.labelValues("code")).isEmpty();
        }
        try (Querier q = storage.querier(0, 10_000)) {
            assertThat(q.labelNames()).containsExactly("__name__", "code", "job");
            assertThat(q.labelNames(Matcher.equal("__name__", "up"))).containsExactly("__name__", "job");
            assertThat(q.labelValues("__name__")).containsExactly("requests_total", "up");
            assertThat(q.labelValues("__name__", Matcher.equal("code", "200"))).containsExactly("requests_total");
        }
    }

    @Test
    void querierSeesOnlyEarlierCommits() throws Exception {
        Appender app = storage.appender();
        app.append(0, UP_A, 1000, 1);
        app.commit();
        try (Querier q = storage.querier(0, 10_000)) {
            Appender later = storage.appender();
            later.append(0, UP_A, 2000, 2);
            later.append(0, UP_B, 2000, 2);
            later.commit();
            assertThat(dump(q)).containsExactly("{__name__=\"up\", job=\"a\"} 1000=1.0");
        }
        assertThat(dumpAll(0, 10_000)).hasSize(2);
    }

    @Test
    void manySamplesAcrossBatches() throws Exception {
        long ref = 0;
        for (int batch = 0; batch < 20; batch++) {
            Appender app = storage.appender();
            for (int i = 0; i < 50; i++) {
                long t = (batch * 50L + i) * 15_000;
                ref = app.append(ref, UP_A, t, batch * 50 + i);
            }
            app.commit();
        }
        try (Querier q = storage.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            SeriesSet set = q.select(true);
            assertThat(set.next()).isTrue();
            SeriesIterator it = set.at().iterator();
            int n = 0;
            while (it.next()) {
                assertThat(it.timestamp()).isEqualTo(n * 15_000L);
                assertThat(it.value()).isEqualTo(n);
                n++;
            }
            assertThat(n).isEqualTo(1000);
            assertThat(set.next()).isFalse();
        }
    }

    /** Runs an append expected to be rejected and returns the rejection. */
    protected static AppendException catchAppend(ThrowingAppend call) {
        try {
            call.run();
        } catch (AppendException e) {
            return e;
        }
        throw new AssertionError("expected an AppendException");
    }

    /** An append call that may be rejected. */
    @FunctionalInterface
    protected interface ThrowingAppend {
        void run() throws AppendException;
    }
}
