package dev.vigil.server.promqldiff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticMetricsTest {
    @TempDir
    Path dir;

    @Test
    void theSameSeedWritesTheSameFile() throws Exception {
        SyntheticMetrics.generate(7).write(dir.resolve("a.om"));
        SyntheticMetrics.generate(7).write(dir.resolve("b.om"));
        SyntheticMetrics.generate(8).write(dir.resolve("c.om"));
        assertThat(Files.mismatch(dir.resolve("a.om"), dir.resolve("b.om"))).isEqualTo(-1);
        assertThat(Files.mismatch(dir.resolve("a.om"), dir.resolve("c.om"))).isNotEqualTo(-1);
    }

    /** The differential test relies on these to keep Prometheus 2.42's closed windows out of the comparison. */
    @Test
    void noSampleSitsOnAWholeSecondOrOnTheEvaluationMilliseconds() throws Exception {
        SyntheticMetrics data = SyntheticMetrics.generate(20231130L);
        data.write(dir.resolve("data.om"));
        List<String> lines = Files.readAllLines(dir.resolve("data.om"));
        assertThat(lines).last().isEqualTo("# EOF");
        long samples = 0;
        for (String line : lines) {
            if (line.startsWith("#")) {
                continue;
            }
            String seconds = line.substring(line.lastIndexOf(' ') + 1);
            long ms = Long.parseLong(seconds.replace(".", ""));
            assertThat(ms % 1000).as(line).isNotIn(0L, 777L);
            assertThat((long) (Double.parseDouble(seconds) * 1000)).as(line).isEqualTo(ms);
            assertThat(ms).isBetween(SyntheticMetrics.START_MS, SyntheticMetrics.END_MS);
            samples++;
        }
        assertThat(samples).isEqualTo(data.samples()).isGreaterThan(100_000);
    }
}
