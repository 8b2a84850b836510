package dev.vigil.scraper.discovery.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A Kubernetes API server for the pods of one namespace, just enough for an informer: list, and watch over HTTP
 * streaming or WebSocket from a resourceVersion (changes since that version are replayed, as a real API server does).
 * Unlike fabric8's mock it can be stopped and started again on the same port, which drops every open watch the way
 * an API server restart does. Thread-safe.
 */
final class FakeApiServer implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final KubernetesSerialization json = new KubernetesSerialization();
    private final String podsPath;
    private final Map<String, Pod> pods = new LinkedHashMap<>();
    private final List<String> events = new ArrayList<>();
    private final List<Consumer<String>> openWatches = new CopyOnWriteArrayList<>();
    private long resourceVersion = 1;
    private HttpServer server;
    private int port;

    FakeApiServer(String namespace) {
        this.podsPath = "/api/v1/namespaces/" + namespace + "/pods";
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    int openWatches() {
        return openWatches.size();
    }

    /** Listens on loopback: on a free port the first time, on the same port after {@link #stop}. */
    synchronized void start() throws Exception {
        HttpServer s = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1"))
                .requestHandler(this::handle)
                .webSocketHandler(this::handleWebSocket);
        server = s.listen(port).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        port = server.actualPort();
    }

    /** Stops listening and closes every connection, open watches included. */
    void stop() throws Exception {
        HttpServer s;
        synchronized (this) {
            s = server;
            server = null;
            openWatches.clear();
        }
        // No grace period: connections close now, as when the process dies.
        s.shutdown(java.time.Duration.ZERO)
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    synchronized void put(Pod pod) {
        boolean exists = pods.containsKey(pod.getMetadata().getName());
        pod.getMetadata().setNamespace(podsPath.split("/")[4]);
        pod.getMetadata().setUid("uid-" + pod.getMetadata().getName());
        pod.getMetadata().setResourceVersion(Long.toString(++resourceVersion));
        pods.put(pod.getMetadata().getName(), pod);
        publish(exists ? "MODIFIED" : "ADDED", pod);
    }

    synchronized void delete(String name) {
        Pod pod = pods.remove(name);
        pod.getMetadata().setResourceVersion(Long.toString(++resourceVersion));
        publish("DELETED", pod);
    }

    private void publish(String type, Pod pod) {
        String event = "{\"type\":\"" + type + "\",\"object\":" + json.asJson(pod) + "}";
        events.add(event);
        for (Consumer<String> watch : openWatches) {
            watch.accept(event);
        }
    }

    private void handle(HttpServerRequest request) {
        if (!request.path().equals(podsPath)) {
            request.response()
                    .setStatusCode(404)
                    .putHeader("Content-Type", "application/json")
                    .end("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\","
                            + "\"code\":404}");
            return;
        }
        if ("true".equals(request.getParam("watch"))) {
            var response = request.response().setChunked(true).putHeader("Content-Type", "application/json");
            Consumer<String> watch = event -> response.write(event + "\n");
            response.closeHandler(v -> openWatches.remove(watch));
            open(watch, request.getParam("resourceVersion"));
            return;
        }
        String list;
        synchronized (this) {
            List<String> items = pods.values().stream().map(json::asJson).toList();
            list = "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"" + resourceVersion
                    + "\"},\"items\":[" + String.join(",", items) + "]}";
        }
        request.response().putHeader("Content-Type", "application/json").end(list);
    }

    private void handleWebSocket(ServerWebSocket ws) {
        if (!ws.path().equals(podsPath)) {
            ws.close((short) 1008);
            return;
        }
        String since = null;
        for (String param : ws.query() == null ? new String[0] : ws.query().split("&")) {
            if (param.startsWith("resourceVersion=")) {
                since = param.substring("resourceVersion=".length());
            }
        }
        Consumer<String> watch = ws::writeTextMessage;
        ws.closeHandler(v -> openWatches.remove(watch));
        open(watch, since);
    }

    /** Replays the changes after {@code since}, then streams new ones. */
    private synchronized void open(Consumer<String> watch, String since) {
        long from = since == null || since.isEmpty() ? resourceVersion : Long.parseLong(since);
        for (String event : events) {
            if (versionOf(event) > from) {
                watch.accept(event);
            }
        }
        openWatches.add(watch);
    }

    private long versionOf(String event) {
        int at = event.indexOf("\"resourceVersion\":\"") + "\"resourceVersion\":\"".length();
        return Long.parseLong(event.substring(at, event.indexOf('"', at)));
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            try {
                stop();
            } catch (java.util.concurrent.TimeoutException e) {
                // A client's idle connection can hold the shutdown; closing Vert.x below ends it regardless.
            }
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
