package dev.vigil.model.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextExpositionTest {

    @Test
    void writesCountersGaugesAndHistogramsInTextFormat() {
        MetricRegistry registry = new MetricRegistry();
        Counter requests = registry.counter("http_requests_total", "Requests served.", "handler", "code");
        requests.labels("/b", "200").inc(2);
        requests.labels("/a", "500").inc();
        registry.gauge("up_gauge", "A gauge.").set(-1.5);
        Histogram latency = registry.histogram("latency_seconds", "Latency.", new double[] {0.1, 1}, "handler");
        latency.labels("/q").observe(0.1);
        latency.labels("/q").observe(0.5);
        latency.labels("/q").observe(7);

        assertThat(TextExposition.write(registry))
                .isEqualTo(
                        """
                        # HELP http_requests_total Requests served.
                        # TYPE http_requests_total counter
                        http_requests_total{handler="/a",code="500"} 1
                        http_requests_total{handler="/b",code="200"} 2
                        # HELP up_gauge A gauge.
                        # TYPE up_gauge gauge
                        up_gauge -1.5
                        # HELP latency_seconds Latency.
                        # TYPE latency_seconds histogram
                        latency_seconds_bucket{handler="/q",le="0.1"} 1
                        latency_seconds_bucket{handler="/q",le="1"} 2
                        latency_seconds_bucket{handler="/q",le="+Inf"} 3
                        latency_seconds_sum{handler="/q"} 7.6
                        latency_seconds_count{handler="/q"} 3
                        """);
    }

    @Test
    void escapesLabelValuesAndHelp() {
        MetricRegistry registry = new MetricRegistry();
        registry.counter("c_total", "line1\nback\\slash", "path")
                .labels("a\"b\\c\nd")
                .inc();
        assertThat(TextExposition.write(registry))
                .contains("# HELP c_total line1\\nback\\\\slash\n")
                .contains("c_total{path=\"a\\\"b\\\\c\\nd\"} 1\n");
    }

    @Test
    void collectorsAddFamiliesReadAtCollectionTime() {
        MetricRegistry registry = new MetricRegistry();
        double[] source = {3};
        registry.register(writer -> {
            writer.family("live_value", "Read on demand.", MetricType.GAUGE);
            writer.sample("live_value", source[0]);
        });
        assertThat(TextExposition.write(registry)).contains("live_value 3\n");
        source[0] = 4;
        assertThat(TextExposition.write(registry)).contains("live_value 4\n");
    }

    @ParameterizedTest
    @CsvSource({
        "NaN,NaN",
        "Infinity,+Inf",
        "-Infinity,-Inf",
        "0,0",
        "-0.0,0",
        "42,42",
        "0.25,0.25",
        "1e20,100000000000000000000",
        "1e21,1e+21",
        "-2.5e-7,-2.5e-07",
        "1763776227.123,1763776227.123",
        "0.0001,0.0001",
        "1.5e300,1.5e+300"
    })
    void formatsValuesAsPrometheusParsesThem(double value, String expected) {
        assertThat(TextExposition.formatValue(value)).isEqualTo(expected);
    }

    @Test
    void rejectsBadNamesDuplicatesAndWrongLabelArity() {
        MetricRegistry registry = new MetricRegistry();
        assertThatThrownBy(() -> registry.counter("1bad", "")).hasMessageContaining("invalid metric name");
        assertThatThrownBy(() -> registry.counter("ok_total", "", "bad-label"))
                .hasMessageContaining("invalid label name \"bad-label\"");
        assertThatThrownBy(() -> registry.counter("ok_total", "", "__reserved")).hasMessageContaining("reserved");
        Counter counter = registry.counter("ok_total", "", "a");
        assertThatThrownBy(() -> registry.counter("ok_total", "")).hasMessageContaining("already registered");
        assertThatThrownBy(() -> counter.labels("x", "y")).hasMessageContaining("got 2 value(s)");
        assertThatThrownBy(counter::inc).hasMessageContaining("use labels");
        assertThatThrownBy(() -> counter.labels("x").inc(-1)).hasMessageContaining("only go up");
        assertThatThrownBy(() -> registry.histogram("h", "", new double[] {1, 1}))
                .hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> registry.histogram("h2", "", new double[] {1}, "le"))
                .hasMessageContaining("\"le\"");
    }

    @Test
    void histogramBoundsAreInclusiveAndInfBoundIsImplicit() {
        MetricRegistry registry = new MetricRegistry();
        Histogram h = registry.histogram("h", "", new double[] {1, 2, Double.POSITIVE_INFINITY});
        h.observe(1);
        h.observe(2);
        h.observe(Double.NaN);
        assertThat(TextExposition.write(registry))
                .contains("h_bucket{le=\"1\"} 1\n", "h_bucket{le=\"2\"} 2\n", "h_bucket{le=\"+Inf\"} 3\n")
                .doesNotContain("le=\"+Inf\"} 3\nh_bucket{le=\"+Inf\"}");
    }

    @Test
    void gaugeAddsConcurrentlyWithoutLosingUpdates() throws InterruptedException {
        Gauge gauge = new MetricRegistry().gauge("g", "");
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    gauge.inc();
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(gauge.get()).isEqualTo(40_000);
    }
}
