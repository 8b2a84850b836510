package dev.vigil.server.cli;

import dev.vigil.model.log.Log;
import dev.vigil.server.VigilServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * Ties OS signals to the server: SIGTERM and SIGINT start an orderly shutdown (a second one forces
 * exit), SIGHUP reloads the configuration. Handling SIGTERM here, rather than in a shutdown hook,
 * lets the process exit 0 after a clean shutdown, as Prometheus does.
 */
final class SignalHandling {
    private static final Log log = Log.get(SignalHandling.class);

    private final VigilServer server;
    private final Duration shutdownTimeout;
    private volatile boolean terminationRequested;

    SignalHandling(VigilServer server, Duration shutdownTimeout) {
        this.server = server;
        this.shutdownTimeout = shutdownTimeout;
    }

    /** Blocks until the server has shut down; returns the process exit code. */
    int runUntilShutdown() throws InterruptedException {
        Signal.handle(new Signal("TERM"), this::terminate);
        Signal.handle(new Signal("INT"), this::terminate);
        Signal.handle(new Signal("HUP"), signal -> {
            Thread reload = new Thread(server::reload, "vigil-sighup-reload");
            reload.setDaemon(true);
            reload.start();
        });
        server.awaitShutdown();
        return server.shutdownWasClean() ? 0 : 1;
    }

    private void terminate(Signal signal) {
        if (terminationRequested) {
            log.warn("Received a second signal during shutdown, exiting now", "signal", "SIG" + signal.getName());
            Runtime.getRuntime().halt(1);
        }
        terminationRequested = true;
        log.warn("Received termination request, shutting down gracefully", "signal", "SIG" + signal.getName());
        server.requestShutdown();
        Thread watchdog = new Thread(
                () -> {
                    try {
                        if (!server.awaitShutdown(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                            log.error("Shutdown did not finish in time, exiting", "timeout", shutdownTimeout);
                            Runtime.getRuntime().halt(1);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "vigil-shutdown-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
