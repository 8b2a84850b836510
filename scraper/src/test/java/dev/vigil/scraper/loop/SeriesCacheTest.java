package dev.vigil.scraper.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.labels.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The cache answers by the exact raw text whatever order the series come in, and forgets what it evicted: the
 * order-following fast path is only a shortcut.
 */
class SeriesCacheTest {
    private static final byte[] BODY = new byte[64 * 1024];

    /** Puts {@code text} into a body-like buffer at an offset, as the parser exposes series text. */
    private static int place(String text, int at) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, BODY, at, bytes.length);
        return bytes.length;
    }

    private static SeriesCache.Entry get(SeriesCache cache, String text) {
        int len = place(text, 100);
        return cache.get(BODY, 100, len);
    }

    private static SeriesCache.Entry put(SeriesCache cache, String text) {
        int len = place(text, 7);
        return cache.put(BODY, 7, len, Labels.of("__name__", text));
    }

    /** One scrape of {@code texts} in this order; returns the entries found or added, by text. */
    private static Map<String, SeriesCache.Entry> scrape(SeriesCache cache, List<String> texts) {
        cache.startScrape();
        Map<String, SeriesCache.Entry> out = new java.util.HashMap<>();
        for (String text : texts) {
            SeriesCache.Entry e = get(cache, text);
            if (e == null) {
                e = put(cache, text);
            }
            e.seen = cache.iteration;
            out.put(text, e);
        }
        return out;
    }

    @Test
    void findsEverySeriesByItsTextInAnyOrder() {
        SeriesCache cache = new SeriesCache();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            texts.add("m{i=\"" + i + "\"}");
        }
        Map<String, SeriesCache.Entry> first = scrape(cache, texts);
        assertThat(cache.size()).isEqualTo(500);
        Random random = new Random(1);
        for (int round = 0; round < 5; round++) {
            List<String> shuffled = new ArrayList<>(texts);
            if (round > 0) {
                Collections.shuffle(shuffled, random);
            }
            Map<String, SeriesCache.Entry> again = scrape(cache, shuffled);
            for (String text : texts) {
                assertThat(again.get(text)).isSameAs(first.get(text));
                assertThat(again.get(text).labels.metricName()).isEqualTo(text);
            }
            assertThat(cache.size()).isEqualTo(500);
        }
    }

    @Test
    void seriesInsertedOrRemovedMidBodyDoNotConfuseTheNextLookups() {
        SeriesCache cache = new SeriesCache();
        Map<String, SeriesCache.Entry> first = scrape(cache, List.of("a", "b", "c", "d"));
        Map<String, SeriesCache.Entry> second = scrape(cache, List.of("a", "x", "b", "d"));
        assertThat(second.get("a")).isSameAs(first.get("a"));
        assertThat(second.get("b")).isSameAs(first.get("b"));
        assertThat(second.get("d")).isSameAs(first.get("d"));
        assertThat(second.get("x")).isNotIn(first.values());
        // Texts that share a prefix with the expected next series are not mistaken for it.
        cache.startScrape();
        assertThat(get(cache, "a")).isSameAs(first.get("a"));
        assertThat(get(cache, "xx")).isNull();
        assertThat(get(cache, "b")).isSameAs(first.get("b"));
        assertThat(get(cache, "")).isNull();
    }

    @Test
    void evictedSeriesAreForgottenAndTheirTextSpaceReused() {
        SeriesCache cache = new SeriesCache();
        List<String> old = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            old.add("old_series_with_a_long_name{i=\"" + i + "\"}");
            kept.add("kept{i=\"" + i + "\"}");
        }
        List<String> both = new ArrayList<>(old);
        both.addAll(kept);
        Map<String, SeriesCache.Entry> first = scrape(cache, both);
        for (int i = 0; i <= SeriesCache.EVICT_AFTER_SCRAPES; i++) {
            scrape(cache, kept);
            cache.evict(cache.iteration, cache.iteration);
        }
        assertThat(cache.size()).isEqualTo(100);
        cache.startScrape();
        for (String text : old) {
            assertThat(get(cache, text)).isNull();
        }
        Map<String, SeriesCache.Entry> after = scrape(cache, both);
        Map<SeriesCache.Entry, Boolean> firstEntries = new IdentityHashMap<>();
        first.values().forEach(e -> firstEntries.put(e, true));
        for (String text : kept) {
            assertThat(after.get(text)).isSameAs(first.get(text));
        }
        for (String text : old) {
            assertThat(firstEntries).doesNotContainKey(after.get(text));
            assertThat(after.get(text).labels.metricName()).isEqualTo(text);
        }
        assertThat(cache.size()).isEqualTo(200);
    }

    @Test
    void liveSeriesAreNotEvictedEvenWhenUnseen() {
        SeriesCache cache = new SeriesCache();
        Map<String, SeriesCache.Entry> first = scrape(cache, List.of("a", "b"));
        first.get("a").live = cache.iteration;
        long live = cache.iteration;
        for (int i = 0; i <= SeriesCache.EVICT_AFTER_SCRAPES; i++) {
            cache.startScrape();
        }
        cache.evict(cache.iteration, live);
        assertThat(cache.size()).isEqualTo(1);
        cache.startScrape();
        assertThat(get(cache, "a")).isSameAs(first.get("a"));
        assertThat(get(cache, "b")).isNull();
    }
}
