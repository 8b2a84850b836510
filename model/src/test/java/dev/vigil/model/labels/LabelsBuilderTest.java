package dev.vigil.model.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LabelsBuilderTest {
    private final Labels base = Labels.of("__name__", "up", "job", "node", "instance", "a:1");

    @Test
    void setReplacesAndAdds() {
        Labels ls = base.toBuilder().set("job", "api").set("zone", "eu").labels();
        assertThat(ls).isEqualTo(Labels.of("__name__", "up", "job", "api", "instance", "a:1", "zone", "eu"));
        assertThat(base.get("job")).isEqualTo("node");
    }

    @Test
    void setEmptyDeletes() {
        assertThat(base.toBuilder().set("job", "").labels()).isEqualTo(Labels.of("__name__", "up", "instance", "a:1"));
    }

    @Test
    void delAndKeep() {
        assertThat(base.toBuilder().del("job", "absent").labels())
                .isEqualTo(Labels.of("__name__", "up", "instance", "a:1"));
        assertThat(base.toBuilder().keep("job", "absent").labels()).isEqualTo(Labels.of("job", "node"));
        assertThat(base.toBuilder().keep().labels()).isEqualTo(Labels.EMPTY);
    }

    @Test
    void resetReusesBuilder() {
        LabelsBuilder b = new LabelsBuilder();
        b.set("a", "1");
        assertThat(b.labels()).isEqualTo(Labels.of("a", "1"));
        b.reset(base).set("x", "y");
        assertThat(b.get("x")).isEqualTo("y");
        assertThat(b.labels()).isEqualTo(Labels.of("__name__", "up", "job", "node", "instance", "a:1", "x", "y"));
        assertThat(b.reset().labels()).isEqualTo(Labels.EMPTY);
    }

    @Test
    void growsBeyondInitialCapacity() {
        LabelsBuilder b = new LabelsBuilder();
        for (int i = 0; i < 40; i++) {
            b.set("n" + i, "v" + i);
        }
        Labels ls = b.labels();
        assertThat(ls.size()).isEqualTo(40);
        assertThat(ls.get("n39")).isEqualTo("v39");
    }

    @Test
    void rejectsEmptyName() {
        assertThatThrownBy(() -> new LabelsBuilder().set("", "x")).hasMessageContaining("empty");
    }
}
