package dev.vigil.server.http;

import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.model.storage.Storage;
import dev.vigil.server.ServerOptions;
import dev.vigil.server.config.ConfigReloader;
import dev.vigil.ui.federate.FederateRoutes;
import dev.vigil.ui.ingest.ImportRoutes;
import dev.vigil.ui.remote.ReceivedMetadata;
import dev.vigil.ui.remote.RemoteRoutes;
import dev.vigil.ui.remote.RemoteWriteReceiver;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Puts the ingest endpoints on the router: {@code /api/v1/import/prometheus}, {@code /api/v1/write} (with
 * {@code --web.enable-remote-write-receiver}), {@code /api/v1/read} and {@code /federate}. They work on whatever
 * storage the supplier returns (null until it has opened: then they answer 503) and run their blocking work on two
 * worker pools of their own, so a long import cannot starve remote write or other blocking handlers.
 */
public final class IngestWiring {
    /** Compressed remote write/read bodies above this are refused with 413. */
    static final int MAX_REMOTE_BODY_BYTES = 32 << 20;
    /** Decompressed remote write/read messages above this are refused with 400. */
    static final int MAX_REMOTE_DECODED_BYTES = 256 << 20;

    private static final int IMPORT_THREADS = 4;
    private static final int REMOTE_THREADS = 8;
    private static final int METADATA_FAMILIES = 100_000;

    private IngestWiring() {}

    /**
     * @return the metadata received through remote write, for the metadata API
     */
    public static ReceivedMetadata addTo(
            Router router,
            Vertx vertx,
            MetricRegistry registry,
            RequestMetrics metrics,
            ServerOptions options,
            Supplier<Storage> storage,
            Supplier<ConfigReloader> config) {
        // Imports stream for as long as their bodies take, so they may run far past Vert.x's blocked-worker warning.
        WorkerExecutor importWorkers =
                vertx.createSharedWorkerExecutor("vigil-import", IMPORT_THREADS, 1, TimeUnit.DAYS);
        WorkerExecutor remoteWorkers = vertx.createSharedWorkerExecutor("vigil-remote", REMOTE_THREADS);
        Supplier<Map<String, String>> externalLabels = () -> {
            ConfigReloader reloader = config.get();
            return reloader == null ? Map.of() : reloader.current().global().externalLabels();
        };
        Clock clock = Clock.systemUTC();
        new ImportRoutes(storage, importWorkers, clock, metrics::instrument, ImportRoutes.Settings.DEFAULT)
                .addTo(router);
        ReceivedMetadata metadata = new ReceivedMetadata(METADATA_FAMILIES);
        RemoteWriteReceiver receiver =
                new RemoteWriteReceiver(storage, metadata, clock, MAX_REMOTE_DECODED_BYTES, registry);
        new RemoteRoutes(
                        storage,
                        externalLabels,
                        receiver,
                        remoteWorkers,
                        metrics::instrument,
                        new RemoteRoutes.Settings(
                                options.enableRemoteWriteReceiver(),
                                MAX_REMOTE_BODY_BYTES,
                                MAX_REMOTE_DECODED_BYTES,
                                options.queryMaxSamples()))
                .addTo(router);
        new FederateRoutes(
                        storage,
                        externalLabels,
                        options.queryLookbackDelta(),
                        clock,
                        remoteWorkers,
                        metrics::instrument,
                        registry)
                .addTo(router);
        return metadata;
    }
}
