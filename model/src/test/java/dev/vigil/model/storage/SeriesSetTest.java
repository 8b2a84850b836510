package dev.vigil.model.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.labels.Labels;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesSetTest {
    private static Series series(String name) {
        return new Series() {
            @Override
            public Labels labels() {
                return Labels.of("__name__", name);
            }

            @Override
            public SeriesIterator iterator() {
                return SeriesIterator.EMPTY;
            }
        };
    }

    @Test
    void iteratesListInOrder() {
        SeriesSet set = SeriesSet.of(List.of(series("a"), series("b")));
        assertThatThrownBy(set::at).isInstanceOf(IllegalStateException.class);
        assertThat(set.next()).isTrue();
        assertThat(set.at().labels().metricName()).isEqualTo("a");
        assertThat(set.next()).isTrue();
        assertThat(set.at().labels().metricName()).isEqualTo("b");
        assertThat(set.next()).isFalse();
        assertThat(set.next()).isFalse();
    }

    @Test
    void emptySetAndIterator() {
        assertThat(SeriesSet.empty().next()).isFalse();
        assertThat(SeriesIterator.EMPTY.next()).isFalse();
        assertThat(SeriesIterator.EMPTY.seek(0)).isFalse();
        assertThat(series("x").iterator(null)).isSameAs(SeriesIterator.EMPTY);
    }
}
