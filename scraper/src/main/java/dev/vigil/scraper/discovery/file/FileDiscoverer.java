package dev.vigil.scraper.discovery.file;

import dev.vigil.config.core.ConfigException;
import dev.vigil.config.discovery.FileSdConfig;
import dev.vigil.model.labels.Labels;
import dev.vigil.model.log.Log;
import dev.vigil.model.metrics.Counter;
import dev.vigil.scraper.discovery.Discoverer;
import dev.vigil.scraper.discovery.TargetGroup;
import dev.vigil.scraper.discovery.TargetGroupParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * File-based discovery ({@code file_sd_configs}): reads YAML ({@code .yml}, {@code .yaml}) and JSON ({@code .json})
 * files of target groups, whose last path element may be a glob. Every target gets {@code __meta_filepath}.
 *
 * <p>Files are re-read when a {@link WatchService} on their directories reports a change, and every
 * {@code refresh_interval} in case the watch misses one (network file systems, editors that replace directories). A
 * file that fails to parse keeps its last good groups and the error is logged with file, line and column; a file
 * that disappears takes its groups with it.
 *
 * <p>Thread-safe. Reading runs on one thread per discoverer, the watch on another.
 */
public final class FileDiscoverer implements Discoverer {
    private static final Log log = Log.get(FileDiscoverer.class);
    private static final String FILEPATH_LABEL = "__meta_filepath";

    private final List<Path> patterns;
    private final long refreshMillis;
    private final Counter readErrors;
    private final ScheduledExecutorService reader;
    private final Map<Path, List<TargetGroup>> lastGood = new HashMap<>();
    private volatile WatchService watch;
    private Consumer<List<TargetGroup>> listener;
    private List<TargetGroup> lastSent;

    /**
     * @param resolve turns a configured path into a file system path (relative paths against the config file's
     *     directory)
     * @param readErrors counts files that failed to read or parse
     */
    public FileDiscoverer(FileSdConfig config, Function<String, Path> resolve, Counter readErrors) {
        this.patterns = config.files().stream().map(resolve).toList();
        this.refreshMillis = Math.max(1, config.refreshInterval().millis());
        this.readErrors = Objects.requireNonNull(readErrors, "readErrors");
        this.reader = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "vigil-file-sd"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void start(Consumer<List<TargetGroup>> listener) {
        this.listener = listener;
        // Watch before the first read (one reader thread runs both in order), so that no change made after the
        // first update can slip past both the watch and the read.
        reader.execute(this::startWatching);
        reader.scheduleWithFixedDelay(this::refresh, 0, refreshMillis, TimeUnit.MILLISECONDS);
    }

    private void startWatching() {
        try {
            WatchService service = FileSystems.getDefault().newWatchService();
            Set<Path> directories = new LinkedHashSet<>();
            for (Path pattern : patterns) {
                directories.add(directoryOf(pattern));
            }
            for (Path dir : directories) {
                try {
                    dir.register(
                            service,
                            StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY,
                            StandardWatchEventKinds.ENTRY_DELETE);
                } catch (IOException e) {
                    log.warn("Cannot watch directory; relying on refresh_interval", "dir", dir, "err", e.toString());
                }
            }
            watch = service;
            if (reader.isShutdown()) {
                service.close();
                return;
            }
            Thread watcher = daemon(() -> watchLoop(service), "vigil-file-sd-watch");
            watcher.start();
        } catch (IOException e) {
            log.warn("Cannot create file watcher; relying on refresh_interval", "err", e.toString());
        }
    }

    private void watchLoop(WatchService service) {
        try {
            while (true) {
                WatchKey key = service.take();
                key.pollEvents();
                key.reset();
                reader.execute(this::refresh);
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed: the discoverer is stopping
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the reader shut down between take() and execute()
        }
    }

    private static Path directoryOf(Path pattern) {
        Path parent = pattern.toAbsolutePath().getParent();
        return parent == null ? Path.of("/") : parent;
    }

    /** Re-reads every matching file and sends the groups if they changed. Runs on the reader thread. */
    private void refresh() {
        try {
            Set<Path> files = matchingFiles();
            lastGood.keySet().retainAll(files);
            for (Path file : files) {
                read(file);
            }
            List<TargetGroup> all = new ArrayList<>();
            for (Path file : files) {
                all.addAll(lastGood.getOrDefault(file, List.of()));
            }
            if (!all.equals(lastSent)) {
                lastSent = all;
                listener.accept(List.copyOf(all));
            }
        } catch (RuntimeException e) {
            log.error("File discovery refresh failed", e, "files", patterns);
        }
    }

    private Set<Path> matchingFiles() {
        Set<Path> files = new TreeSet<>();
        for (Path pattern : patterns) {
            Path dir = directoryOf(pattern);
            String glob = pattern.getFileName().toString();
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    if (matcher.matches(entry.getFileName()) && Files.isRegularFile(entry)) {
                        files.add(entry);
                    }
                }
            } catch (NoSuchFileException e) {
                // the directory does not exist (yet): no files
            } catch (IOException e) {
                readErrors.inc();
                log.error("Error listing files for discovery", "dir", dir, "err", e.toString());
            }
        }
        return files;
    }

    private void read(Path file) {
        String name = file.toString();
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            boolean json = name.toLowerCase(Locale.ROOT).endsWith(".json");
            lastGood.put(file, TargetGroupParser.parse(text, json, name, Labels.of(FILEPATH_LABEL, name)));
        } catch (ConfigException e) {
            readErrors.inc();
            log.error("Error reading file; keeping its last good targets", "file", name, "err", e.getMessage());
        } catch (IOException e) {
            readErrors.inc();
            log.error("Error reading file; keeping its last good targets", "file", name, "err", e.toString());
        }
    }

    @Override
    public void close() {
        reader.shutdownNow();
        WatchService w = watch;
        if (w != null) {
            try {
                w.close();
            } catch (IOException e) {
                log.warn("Closing file watcher failed", "err", e.toString());
            }
        }
    }
}
