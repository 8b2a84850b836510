package dev.vigil.scraper.discovery.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.core.PromDuration;
import dev.vigil.config.discovery.FileSdConfig;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.metrics.Counter;
import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.scraper.discovery.Await;
import dev.vigil.scraper.discovery.RecordingListener;
import dev.vigil.scraper.discovery.TargetGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDiscovererTest {
    @TempDir
    Path dir;

    private final Counter errors = new MetricRegistry().counter("errors_total", "test");
    private final RecordingListener listener = new RecordingListener();
    private FileDiscoverer discoverer;

    @AfterEach
    void close() {
        if (discoverer != null) {
            discoverer.close();
        }
    }

    private void start(PromDuration refresh, String... patterns) {
        discoverer = new FileDiscoverer(new FileSdConfig(List.of(patterns), refresh), dir::resolve, errors);
        discoverer.start(listener);
    }

    private static TargetGroup group(Path file, int index, Labels labels, String... addresses) {
        Labels withPath =
                labels.toBuilder().set("__meta_filepath", file.toString()).labels();
        return TargetGroup.ofAddresses(file + ":" + index, List.of(addresses), withPath);
    }

    /** Replaces a file in one step, as config management does; a plain write may be seen half done (empty). */
    private void writeAtomically(Path file, String text) throws Exception {
        Path tmp = Files.writeString(dir.resolve(file.getFileName() + ".tmp"), text);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void readsYamlAndJsonWatchesChangesKeepsLastGoodAndForgetsDeletedFiles() throws Exception {
        Path yaml = Files.writeString(
                dir.resolve("a.yml"),
                """
                - targets: ['h1:9100', 'h2:9100']
                  labels:
                    env: prod
                - targets: ['h3:9100']
                """);
        Path json = Files.writeString(
                dir.resolve("b.json"),
                """
                [{"targets": ["j1:80"], "labels": {"team": "x"}}]
                """);
        Files.writeString(dir.resolve("ignored.txt"), "- targets: ['nope:1']");

        start(PromDuration.ofMinutes(60), "*.yml", "*.json");

        List<TargetGroup> initial = List.of(
                group(yaml, 0, Labels.of("env", "prod"), "h1:9100", "h2:9100"),
                group(yaml, 1, Labels.EMPTY, "h3:9100"),
                group(json, 0, Labels.of("team", "x"), "j1:80"));
        Await.until("initial groups", () -> initial.equals(listener.last()));

        writeAtomically(yaml, "- targets: ['h9:1']\n");
        List<TargetGroup> changed =
                List.of(group(yaml, 0, Labels.EMPTY, "h9:1"), group(json, 0, Labels.of("team", "x"), "j1:80"));
        Await.until("watch saw the change", () -> changed.equals(listener.last()));

        writeAtomically(yaml, "- targets: ['h10:1']\n  lables: {}\n");
        Await.until("bad file counted", () -> errors.get() >= 1);
        assertThat(listener.last()).isEqualTo(changed);

        Files.delete(json);
        Await.until("deleted file's groups gone", () -> List.of(group(yaml, 0, Labels.EMPTY, "h9:1"))
                .equals(listener.last()));
    }

    @Test
    void refreshIntervalFindsFilesTheWatchCannotSee() throws Exception {
        // The directory does not exist at start, so nothing can watch it; polling must find the file.
        start(PromDuration.ofMillis(20), "later/*.yaml");
        Await.until("first (empty) update", () -> listener.last() != null);
        assertThat(listener.last()).isEmpty();

        Path file = Files.createDirectories(dir.resolve("later")).resolve("t.yaml");
        Files.writeString(file, "- targets: ['p:1']\n");

        Await.until("polled", () -> List.of(group(file, 0, Labels.EMPTY, "p:1")).equals(listener.last()));
    }

    @Test
    void badFileAtStartYieldsNoGroupsAndNamesTheLine() throws Exception {
        Files.writeString(dir.resolve("bad.yml"), "- targets: ['a:1']\n  labels:\n    bad-name: x\n");

        start(PromDuration.ofMinutes(60), "bad.yml");

        Await.until("error counted", () -> errors.get() >= 1);
        Await.until("empty update", () -> listener.last() != null);
        assertThat(listener.last()).isEmpty();
    }
}
