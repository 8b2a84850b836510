import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A tiny metrics exporter for demos and benchmarks, JDK only:
 *
 * <pre>
 * java DemoExporter.java --port 9200 --series 1000 [--host 127.0.0.1] [--count 1]
 * </pre>
 *
 * With {@code --count N} one JVM serves N independent exporters on ports {@code port .. port+N-1} (for benchmarks
 * with many targets without N JVMs).
 *
 * It serves {@code /metrics} in the Prometheus text format with about {@code --series} series that look like a web
 * service's: request counters by handler, method and status code, a latency histogram per handler, in-flight and
 * memory gauges. Values move on every scrape (counters only go up), so successive scrapes store real data. Series
 * identity is stable, so a scraper's series count stays at what was asked for.
 */
public final class DemoExporter {
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE"};
    private static final String[] CODES = {"200", "201", "400", "404", "500"};
    private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final int handlers;
    private final int queues;
    private final double[] counters;
    private long scrapes;

    private DemoExporter(int series) {
        // Per handler: 4 methods x 5 codes requests + (11 buckets + +Inf + sum + count) latency = 34 series.
        this.handlers = Math.max(1, (series - 4) / 34);
        this.counters = new double[handlers * (METHODS.length * CODES.length + BUCKETS.length + 3)];
        // Queue-depth gauges make up the rest, so the exporter has exactly the series asked for.
        this.queues = Math.max(0, series - counters.length - 4);
    }

    public static void main(String[] args) throws IOException {
        int port = 9200;
        int series = 1000;
        String host = "127.0.0.1";
        int count = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--series" -> series = Integer.parseInt(args[++i]);
                case "--host" -> host = args[++i];
                case "--count" -> count = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("unknown argument " + args[i]
                            + "; usage: java DemoExporter.java --port 9200 --series 1000 [--host 127.0.0.1] [--count 1]");
                    System.exit(2);
                }
            }
        }
        var threads = Executors.newFixedThreadPool(Math.min(8, 1 + count / 8));
        for (int k = 0; k < count; k++) {
            DemoExporter exporter = new DemoExporter(series);
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port == 0 ? 0 : port + k), 64);
            server.setExecutor(threads);
            server.createContext("/metrics", exporter::serve);
            server.start();
            System.out.println("demo exporter on http://" + host + ":" + server.getAddress().getPort()
                    + "/metrics with " + exporter.seriesCount() + " series");
        }
    }

    int seriesCount() {
        return counters.length + 4 + queues;
    }

    private void serve(HttpExchange exchange) throws IOException {
        byte[] body;
        synchronized (this) {
            body = render().getBytes(StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private String render() {
        scrapes++;
        StringBuilder out = new StringBuilder(seriesCount() * 96);
        out.append("# HELP demo_http_requests_total Requests handled, by handler, method and status code.\n");
        out.append("# TYPE demo_http_requests_total counter\n");
        int c = 0;
        for (int h = 0; h < handlers; h++) {
            for (String method : METHODS) {
                for (String code : CODES) {
                    counters[c] += 1 + ((h * 7 + c + scrapes) % 13);
                    out.append("demo_http_requests_total{handler=\"/api/v1/resource").append(h)
                            .append("\",method=\"").append(method)
                            .append("\",code=\"").append(code)
                            .append("\"} ").append((long) counters[c]).append('\n');
                    c++;
                }
            }
        }
        out.append("# HELP demo_http_request_duration_seconds Request latency by handler.\n");
        out.append("# TYPE demo_http_request_duration_seconds histogram\n");
        for (int h = 0; h < handlers; h++) {
            String handler = "/api/v1/resource" + h;
            long cumulative = 0;
            int first = c;
            for (int b = 0; b < BUCKETS.length; b++) {
                counters[c] += (b + 1) * (1 + (scrapes + h) % 3);
                cumulative = (long) counters[c];
                out.append("demo_http_request_duration_seconds_bucket{handler=\"").append(handler)
                        .append("\",le=\"").append(BUCKETS[b]).append("\"} ").append(cumulative).append('\n');
                c++;
            }
            counters[c] = cumulative + (scrapes % 2);
            out.append("demo_http_request_duration_seconds_bucket{handler=\"").append(handler)
                    .append("\",le=\"+Inf\"} ").append((long) counters[c]).append('\n');
            c++;
            counters[c] += 0.137 * (1 + h % 5);
            out.append("demo_http_request_duration_seconds_sum{handler=\"").append(handler).append("\"} ")
                    .append(counters[c]).append('\n');
            c++;
            counters[c] = counters[first + BUCKETS.length];
            out.append("demo_http_request_duration_seconds_count{handler=\"").append(handler).append("\"} ")
                    .append((long) counters[c]).append('\n');
            c++;
        }
        Runtime rt = Runtime.getRuntime();
        out.append("# HELP demo_inflight_requests Requests being served.\n# TYPE demo_inflight_requests gauge\n");
        out.append("demo_inflight_requests ").append(scrapes % 17).append('\n');
        out.append("# HELP demo_memory_bytes Heap memory.\n# TYPE demo_memory_bytes gauge\n");
        out.append("demo_memory_bytes{area=\"used\"} ").append(rt.totalMemory() - rt.freeMemory()).append('\n');
        out.append("demo_memory_bytes{area=\"committed\"} ").append(rt.totalMemory()).append('\n');
        if (queues > 0) {
            out.append("# HELP demo_queue_depth Items waiting per work queue.\n# TYPE demo_queue_depth gauge\n");
            for (int q = 0; q < queues; q++) {
                out.append("demo_queue_depth{queue=\"q").append(q).append("\"} ")
                        .append((q * 31 + scrapes * 7) % 100).append('\n');
            }
        }
        out.append("# HELP demo_build_info Build information.\n# TYPE demo_build_info gauge\n");
        out.append("demo_build_info{version=\"1.4.2\",revision=\"3f9c2e1\"} 1\n");
        return out.toString();
    }
}
