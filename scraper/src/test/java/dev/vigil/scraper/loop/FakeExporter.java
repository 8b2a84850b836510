package dev.vigil.scraper.loop;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/** A scrape target on loopback whose answer the test sets: status, content type, body, gzip, or a hang. */
final class FakeExporter implements AutoCloseable {
    private final HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    volatile int status = 200;
    volatile String contentType = "text/plain; version=0.0.4; charset=utf-8";
    volatile String body = "";
    volatile boolean gzip;
    volatile boolean hang;
    volatile String lastAccept;
    volatile String lastAcceptEncoding;
    volatile String lastAuthorization;
    volatile String lastTimeoutHeader;
    volatile String lastQuery;
    volatile String lastRequestTarget;
    volatile String redirectTo;
    volatile String lastUserAgent;
    volatile List<String> lastTenant;
    final AtomicInteger requests = new AtomicInteger();

    FakeExporter() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            lastUserAgent = exchange.getRequestHeaders().getFirst("User-Agent");
            lastTenant = exchange.getRequestHeaders().get("X-Tenant");
            lastAccept = exchange.getRequestHeaders().getFirst("Accept");
            lastAcceptEncoding = exchange.getRequestHeaders().getFirst("Accept-Encoding");
            lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
            lastTimeoutHeader = exchange.getRequestHeaders().getFirst("X-Prometheus-Scrape-Timeout-Seconds");
            lastQuery = exchange.getRequestURI().getRawQuery();
            lastRequestTarget = exchange.getRequestURI().toString();
            if (redirectTo != null) {
                exchange.getResponseHeaders().set("Location", redirectTo);
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
                return;
            }
            if (hang) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            if (gzip) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try (GZIPOutputStream z = new GZIPOutputStream(out)) {
                    z.write(bytes);
                }
                bytes = out.toByteArray();
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            }
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            } catch (IOException e) {
                // The scraper hung up (timeout or body limit); nothing to do.
            }
        });
        server.start();
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
