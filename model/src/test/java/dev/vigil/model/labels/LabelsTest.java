package dev.vigil.model.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void sortsByNameAndExposesPairs() {
        Labels ls = Labels.of("job", "node", "__name__", "up", "instance", "a:9100");
        assertThat(ls.size()).isEqualTo(3);
        assertThat(List.of(ls.name(0), ls.name(1), ls.name(2))).containsExactly("__name__", "instance", "job");
        assertThat(ls.value(2)).isEqualTo("node");
        assertThat(ls.get("instance")).isEqualTo("a:9100");
        assertThat(ls.get("missing")).isEmpty();
        assertThat(ls.has("job")).isTrue();
        assertThat(ls.has("zzz")).isFalse();
        assertThat(ls.metricName()).isEqualTo("up");
        assertThat(ls.toMap())
                .containsExactly(
                        Map.entry("__name__", "up"), Map.entry("instance", "a:9100"), Map.entry("job", "node"));
    }

    @Test
    void dropsEmptyValues() {
        Labels ls = Labels.of("a", "", "b", "2");
        assertThat(ls).isEqualTo(Labels.of("b", "2"));
        assertThat(ls.size()).isEqualTo(1);
        assertThat(Labels.of("a", "")).isSameAs(Labels.EMPTY);
    }

    @Test
    void rejectsBadInputWithClearMessages() {
        assertThatThrownBy(() -> Labels.of("a")).hasMessageContaining("odd number");
        assertThatThrownBy(() -> Labels.of("a", "1", "a", "2")).hasMessageContaining("duplicate label name \"a\"");
        assertThatThrownBy(() -> Labels.of("", "1")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Labels.of("a", null)).hasMessageContaining("\"a\" has a null value");
        assertThatThrownBy(() -> Labels.of(null, "x")).hasMessageContaining("null");
    }

    @Test
    void duplicateWithEmptyValueIsDroppedBeforeCheck() {
        // Prometheus drops empty pairs first, so a = "" does not collide with a = "x".
        assertThat(Labels.of("a", "", "a", "x")).isEqualTo(Labels.of("a", "x"));
    }

    @Test
    void equalityAndHashIndependentOfInputOrder() {
        Labels a = Labels.of("x", "1", "y", "2", "z", "3");
        Labels b = Labels.of("z", "3", "x", "1", "y", "2");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.hash()).isEqualTo(b.hash());
        assertThat(a).isNotEqualTo(Labels.of("x", "1", "y", "2", "z", "4"));
    }

    @Test
    void hashSeparatesNamesFromValues() {
        assertThat(Labels.of("a", "bc").hash())
                .isNotEqualTo(Labels.of("ab", "c").hash());
        assertThat(Labels.of("a", "b", "c", "d").hash())
                .isNotEqualTo(Labels.of("a", "bcd").hash());
        assertThat(Labels.EMPTY.hash()).isNotEqualTo(Labels.of("a", "b").hash());
    }

    @Test
    void hashIsStableAcrossRuns() {
        // Pinned values: the hash may be persisted, so a change here is a format change.
        assertThat(Labels.EMPTY.hash()).isEqualTo(Labels.of().hash());
        long h = Labels.of("__name__", "up", "job", "node").hash();
        assertThat(h)
                .isEqualTo(
                        Labels.fromMap(Map.of("job", "node", "__name__", "up")).hash());
        assertThat(Long.toHexString(h)).isEqualTo(PINNED_UP_JOB_NODE);
    }

    private static final String PINNED_UP_JOB_NODE = "48b6b7f394c7b117";

    @Test
    void hashHasFewCollisionsOnSimilarSets() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            seen.add(Labels.of("__name__", "http_requests_total", "instance", "10.0.0." + (i % 256), "pod", "p-" + i)
                    .hash());
        }
        assertThat(seen).hasSize(100_000);
    }

    @Test
    void prometheusOrder() {
        List<Labels> sorted = List.of(
                Labels.EMPTY,
                Labels.of("a", "1"),
                Labels.of("a", "1", "b", "1"),
                Labels.of("a", "1", "c", "0"),
                Labels.of("a", "2"),
                Labels.of("b", "0"));
        List<Labels> shuffled = new ArrayList<>(sorted);
        java.util.Collections.reverse(shuffled);
        shuffled.sort(null);
        assertThat(shuffled).containsExactlyElementsOf(sorted);
        assertThat(Labels.of("a", "1").compareTo(Labels.of("a", "1"))).isZero();
    }

    @Test
    void ordersByCodePointLikeUtf8Bytes() {
        // U+1F600 (surrogates D83D DE00) sorts after U+FF5E in UTF-8 byte order, before it in UTF-16 order.
        Labels emoji = Labels.of("a", "\uD83D\uDE00");
        Labels fullwidth = Labels.of("a", "\uFF5E");
        assertThat(emoji.compareTo(fullwidth)).isPositive();
        assertThat(fullwidth.compareTo(emoji)).isNegative();
    }

    @Test
    void toStringEscapesLikePrometheus() {
        assertThat(Labels.of("__name__", "x", "a", "b").toString()).isEqualTo("{__name__=\"x\", a=\"b\"}");
        assertThat(Labels.of("a", "q\"uo\\te\nline\ttab\u0001").toString())
                .isEqualTo("{a=\"q\\\"uo\\\\te\\nline\\ttab\\x01\"}");
        assertThat(Labels.of("service.name", "api", "ü", "ä").toString())
                .isEqualTo("{\"service.name\"=\"api\", \"ü\"=\"ä\"}");
        assertThat(Labels.EMPTY.toString()).isEqualTo("{}");
    }

    @Test
    void forEachVisitsInOrder() {
        StringBuilder sb = new StringBuilder();
        Labels.of("b", "2", "a", "1").forEach((n, v) -> sb.append(n).append(v));
        assertThat(sb).hasToString("a1b2");
    }

    @Test
    void indexOfReturnsInsertionPointWhenAbsent() {
        Labels ls = Labels.of("b", "1", "d", "2");
        assertThat(ls.indexOf("d")).isEqualTo(1);
        assertThat(ls.indexOf("c")).isEqualTo(-2);
        assertThat(ls.indexOf("a")).isEqualTo(-1);
    }

    @Test
    void sortsLargeUnsortedSets() {
        List<String> nv = new ArrayList<>();
        for (int i = 99; i >= 0; i--) {
            nv.add(String.format("l%03d", i));
            nv.add("v" + i);
        }
        Labels ls = Labels.of(nv.toArray(new String[0]));
        assertThat(ls.size()).isEqualTo(100);
        for (int i = 0; i < 100; i++) {
            assertThat(ls.name(i)).isEqualTo(String.format("l%03d", i));
            assertThat(ls.value(i)).isEqualTo("v" + i);
        }
    }
}
