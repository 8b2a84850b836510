package dev.vigil.tsdb.head;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.labels.Labels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesTableTest {
    private static HeadSeries series(long id) {
        return new HeadSeries(id, Labels.of("__name__", "m", "id", Long.toString(id)));
    }

    @Test
    void findsByIdAndLabelsThroughGrowthRemovalAndReAdding() {
        SeriesTable table = new SeriesTable();
        List<HeadSeries> all = new ArrayList<>();
        for (long id = 1; id <= 5000; id++) {
            HeadSeries s = series(id);
            all.add(s);
            table.add(s);
        }
        assertThat(table.size()).isEqualTo(5000);
        for (HeadSeries s : all) {
            assertThat(table.get(s.id)).isSameAs(s);
            assertThat(table.get(Labels.of("__name__", "m", "id", Long.toString(s.id))))
                    .isSameAs(s);
        }
        for (int i = 0; i < all.size(); i += 2) {
            table.remove(all.get(i));
        }
        assertThat(table.size()).isEqualTo(2500);
        assertThat(table.get(1)).isNull();
        assertThat(table.get(2)).isSameAs(all.get(1));
        assertThat(table.get(all.get(0).labels)).isNull();
        // A series that left and comes back (same id, new object) is found although its old slot is a tombstone.
        HeadSeries back = series(1);
        table.add(back);
        assertThat(table.get(1)).isSameAs(back);
        assertThat(table.get(back.labels)).isSameAs(back);
        // Churn: many removals and additions keep lookups right and the table bounded.
        for (long id = 10_000; id < 40_000; id++) {
            HeadSeries s = series(id);
            table.add(s);
            table.remove(s);
        }
        assertThat(table.size()).isEqualTo(2501);
        assertThat(table.toArray()).hasSize(2501);
        assertThat(table.get(4)).isSameAs(all.get(3));
        assertThat(table.get(0)).isNull();
        assertThat(table.get(-5)).isNull();
    }
}
