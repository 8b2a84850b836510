package dev.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.sample.StaleMarker;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.SeriesIterator;
import dev.vigil.model.storage.SeriesSet;
import org.junit.jupiter.api.Test;

class SeriesFixtureTest {
    @Test
    void loadsSeriesWithAllValueForms() {
        try (InMemoryStorage storage = new InMemoryStorage()) {
            int n = SeriesFixture.load(
                    storage,
                    """
                    # a comment
                    http_requests_total{job="api", code="200"} 10 0
                    http_requests_total{job="api",code="200"} 25 15000   # trailing comment

                    {__name__="up", job="a#b"} 1 15000
                    temperature NaN 0
                    temperature +Inf 1
                    temperature -Inf 2
                    temperature 1e3 3
                    temperature stale 4
                    """);
            assertThat(n).isEqualTo(8);
            try (Querier q = storage.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                assertThat(StorageContract.dump(q))
                        .containsExactly(
                                "{__name__=\"http_requests_total\", code=\"200\", job=\"api\"} 0=10.0 15000=25.0",
                                "{__name__=\"temperature\"} 0=NaN 1=Infinity 2=-Infinity 3=1000.0 4=NaN",
                                "{__name__=\"up\", job=\"a#b\"} 15000=1.0");
                SeriesSet set = q.select(true, dev.vigil.model.labels.Matcher.equal("__name__", "temperature"));
                assertThat(set.next()).isTrue();
                SeriesIterator it = set.at().iterator();
                assertThat(it.seek(4)).isTrue();
                assertThat(StaleMarker.isStaleNaN(it.value())).isTrue();
            }
        }
    }

    @Test
    void parsesLabelsWithEscapes() {
        assertThat(SeriesFixture.labels("m{a=\"x\\\"y\", b=\"l1\\nl2\", \"c.d\"=\"\\\\\"}"))
                .isEqualTo(Labels.of("__name__", "m", "a", "x\"y", "b", "l1\nl2", "c.d", "\\"));
        assertThat(SeriesFixture.labels("{a=\"1\",}")).isEqualTo(Labels.of("a", "1"));
    }

    @Test
    void reportsBadLinesWithPosition() {
        InMemoryStorage storage = new InMemoryStorage();
        assertThatThrownBy(() -> SeriesFixture.load(storage, "ok 1 0\nm{a=\"1\"} x 0"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("value \"x\" is not a number");
        assertThatThrownBy(() -> SeriesFixture.load(storage, "m 1"))
                .hasMessageContaining("line 1")
                .hasMessageContaining("missing timestamp");
        assertThatThrownBy(() -> SeriesFixture.load(storage, "m{a=\"1\" 1 0"))
                .hasMessageContaining("expected ',' or '}'");
        assertThatThrownBy(() -> SeriesFixture.load(storage, "m{a=\"1\",a=\"2\"} 1 0"))
                .hasMessageContaining("duplicate label name \"a\"");
        assertThatThrownBy(() -> SeriesFixture.load(storage, "m 1 5\nm 2 4"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("out of order");
        assertThat(storage.querier(0, 100).select(false).next())
                .as("failed loads roll back")
                .isFalse();
    }
}
