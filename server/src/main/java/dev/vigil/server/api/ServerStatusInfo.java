package dev.vigil.server.api;

import dev.vigil.config.VigilConfig;
import dev.vigil.config.core.ByteSize;
import dev.vigil.config.core.PromDuration;
import dev.vigil.server.ServerOptions;
import dev.vigil.server.config.ConfigReloader;
import dev.vigil.ui.status.ServerInfo;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the server tells the status API about itself. The storage is opened in one step without progress, so WAL
 * replay is reported as one unit of work: {@code current} 0 while storage opens, 1 once it is open. Thread-safe.
 */
final class ServerStatusInfo implements ServerInfo {
    private final ServerOptions options;
    private final dev.vigil.server.BuildInfo build;
    private final Instant startTime;
    private final Supplier<ConfigReloader> reloader;
    private final BooleanSupplier storageOpen;

    ServerStatusInfo(
            ServerOptions options,
            dev.vigil.server.BuildInfo build,
            Instant startTime,
            Supplier<ConfigReloader> reloader,
            BooleanSupplier storageOpen) {
        this.options = options;
        this.build = build;
        this.startTime = startTime;
        this.reloader = reloader;
        this.storageOpen = storageOpen;
    }

    @Override
    public String configText() {
        ConfigReloader r = reloader.get();
        VigilConfig config = r == null ? null : r.current();
        return config == null ? "" : config.source().text();
    }

    @Override
    public Map<String, String> flags() {
        return options.flags();
    }

    @Override
    public BuildInfo buildInfo() {
        return new BuildInfo(
                build.version(),
                build.revision(),
                build.branch(),
                "",
                build.buildDate(),
                dev.vigil.server.BuildInfo.javaVersion());
    }

    @Override
    public Instant startTime() {
        return startTime;
    }

    @Override
    public boolean lastReloadSuccessful() {
        ConfigReloader r = reloader.get();
        return r != null && r.lastReloadSuccessful();
    }

    @Override
    public Instant lastReloadSuccessTime() {
        ConfigReloader r = reloader.get();
        return r == null ? null : r.lastReloadSuccessTime();
    }

    /** Prometheus's wording: {@code 15d}, {@code 10GiB}, or both joined by {@code or}. */
    @Override
    public String storageRetention() {
        StringBuilder out = new StringBuilder();
        if (!options.retentionTime().isZero()) {
            out.append(PromDuration.ofMillis(options.retentionTime().toMillis()));
        }
        if (options.retentionBytes() > 0) {
            if (out.length() > 0) {
                out.append(" or ");
            }
            out.append(new ByteSize(options.retentionBytes()));
        }
        return out.toString();
    }

    @Override
    public WalReplayStatus walReplay() {
        return new WalReplayStatus(0, 1, storageOpen.getAsBoolean() ? 1 : 0);
    }
}
