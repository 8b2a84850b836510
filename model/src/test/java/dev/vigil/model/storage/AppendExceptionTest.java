package dev.vigil.model.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.labels.Labels;
import org.junit.jupiter.api.Test;

class AppendExceptionTest {
    @Test
    void isCheapAndDescriptive() {
        AppendException e = new AppendException(
                AppendException.Kind.OUT_OF_ORDER, Labels.of("__name__", "up"), 1000, "newest is 2000");
        assertThat(e.getStackTrace()).isEmpty();
        assertThat(e.kind()).isEqualTo(AppendException.Kind.OUT_OF_ORDER);
        assertThat(e.timestampMs()).isEqualTo(1000);
        assertThat(e.getMessage()).isEqualTo("out of order sample [series={__name__=\"up\"}, t=1000]: newest is 2000");
    }
}
