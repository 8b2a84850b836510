package dev.vigil.ui.remote;

import static dev.vigil.ui.remote.TestProto.bytesField;
import static dev.vigil.ui.remote.TestProto.cat;
import static dev.vigil.ui.remote.TestProto.labels;
import static dev.vigil.ui.remote.TestProto.sample;
import static dev.vigil.ui.remote.TestProto.series;
import static dev.vigil.ui.remote.TestProto.snappyLiteral;
import static dev.vigil.ui.remote.TestProto.stringField;
import static dev.vigil.ui.remote.TestProto.varintField;
import static dev.vigil.ui.remote.TestProto.writeRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.labels.Matcher;
import dev.vigil.model.metrics.MetricRegistry;
import dev.vigil.model.metrics.TextExposition;
import dev.vigil.model.sample.StaleMarker;
import dev.vigil.model.storage.Querier;
import dev.vigil.model.storage.SeriesIterator;
import dev.vigil.model.storage.SeriesSet;
import dev.vigil.testkit.InMemoryStorage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteWriteReceiverTest {
    private static final long NOW = 1_700_000_000_000L;

    private final InMemoryStorage storage = new InMemoryStorage();
    private final MetricRegistry registry = new MetricRegistry();
    private final ReceivedMetadata metadata = new ReceivedMetadata(10);
    private final RemoteWriteReceiver receiver = new RemoteWriteReceiver(
            () -> storage, metadata, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC), 1 << 20, registry);

    private RemoteWriteReceiver.Outcome send(byte[] writeRequest) {
        byte[] body = snappyLiteral(writeRequest);
        return receiver.receive(body, 0, body.length);
    }

    @Test
    void decodesGoldenRequest() {
        // WriteRequest{timeseries: [{labels: [{__name__, up}], samples: [{value: 1, timestamp: 1000}]}]}
        byte[] golden = HexFormat.of()
                .parseHex("0a1e" + "0a0e" + "0a085f5f6e616d655f5f" + "12027570" + "120c" + "09000000000000f03f"
                        + "10e807");
        assertThat(golden).isEqualTo(writeRequest(series(labels("__name__", "up"), sample(1, 1000))));

        RemoteWriteReceiver.Outcome outcome = send(golden);

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.samplesAppended()).isEqualTo(1);
        assertThat(read("up")).containsExactly("{__name__=\"up\"} 1000=1.0");
    }

    @Test
    void storesSeriesAndKeepsStaleMarkersBitForBit() {
        RemoteWriteReceiver.Outcome outcome = send(writeRequest(
                series(
                        labels("job", "a", "__name__", "http_requests_total", "code", "200"),
                        sample(1, 1000),
                        sample(2, 2000),
                        sample(StaleMarker.STALE_NAN, 3000)),
                series(labels("__name__", "http_requests_total", "code", "500"), sample(-0.5, 1000))));

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.samplesAppended()).isEqualTo(4);
        assertThat(read("http_requests_total"))
                .containsExactly(
                        "{__name__=\"http_requests_total\", code=\"200\", job=\"a\"} 1000=1.0 2000=2.0 3000=stale",
                        "{__name__=\"http_requests_total\", code=\"500\"} 1000=-0.5");
    }

    @Test
    void outOfOrderSampleRejectsTheWholeRequestLikePrometheus() {
        assertThat(send(writeRequest(series(labels("__name__", "b"), sample(1, 2000))))
                        .ok())
                .isTrue();

        RemoteWriteReceiver.Outcome outcome = send(writeRequest(
                series(labels("__name__", "a"), sample(1, 3000)), series(labels("__name__", "b"), sample(1, 1000))));

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).isEqualTo("out of order sample for series {__name__=\"b\"} at timestamp 1000");
        assertThat(read("a")).isEmpty();
        assertThat(TextExposition.write(registry))
                .contains("vigil_api_remote_write_rejected_requests_total{reason=\"sample\"} 1");
    }

    @Test
    void conflictingDuplicateAndFutureSamplesAreBadRequests() {
        send(writeRequest(series(labels("__name__", "b"), sample(1, 2000))));

        assertThat(send(writeRequest(series(labels("__name__", "b"), sample(5, 2000))))
                        .error())
                .startsWith("duplicate sample for timestamp for series {__name__=\"b\"}");
        assertThat(send(writeRequest(series(labels("__name__", "b"), sample(1, NOW + 11 * 60_000))))
                        .error())
                .startsWith("out of bounds: ");
        assertThat(send(writeRequest(series(labels("__name__", "b"), sample(1, 2000))))
                        .ok())
                .as("an identical repeat is no error")
                .isTrue();
    }

    @Test
    void seriesWithInvalidLabelsAreSkippedAndCountedWhileTheRestIsStored() {
        RemoteWriteReceiver.Outcome outcome = send(writeRequest(
                series(labels("job", "no-name"), sample(1, 1000), sample(2, 2000)),
                series(labels("__name__", "dup", "a", "1", "a", "2"), sample(1, 1000)),
                series(labels("__name__", "empty_label_name", "", "x"), sample(1, 1000)),
                series(labels("__name__", "fine.with.utf8", "ünïcode", "✓"), sample(7, 1000))));

        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.invalidLabelSamples()).isEqualTo(4);
        assertThat(read("fine.with.utf8")).containsExactly("{__name__=\"fine.with.utf8\", \"ünïcode\"=\"✓\"} 1000=7.0");
        assertThat(storage.seriesCount()).isEqualTo(1);
        assertThat(TextExposition.write(registry)).contains("vigil_api_remote_write_invalid_labels_samples_total 4");
    }

    @Test
    void keepsMetadataAndCountsHistogramsAndExemplarsItDrops() {
        byte[] metadataMessage = cat(
                varintField(1, 1),
                stringField(2, "http_requests_total"),
                stringField(4, "Requests served."),
                stringField(5, ""));
        byte[] withExtras = cat(
                series(labels("__name__", "m"), sample(1, 1000)),
                bytesField(3, cat(bytesField(1, TestProto.label("trace_id", "abc")), TestProto.doubleField(2, 1))),
                bytesField(4, varintField(1, 5)));
        byte[] request = cat(writeRequest(withExtras), bytesField(3, metadataMessage));

        assertThat(send(request).ok()).isTrue();

        assertThat(metadata.snapshot())
                .containsEntry("http_requests_total", new ReceivedMetadata.Entry("counter", "Requests served.", ""));
        assertThat(read("m")).containsExactly("{__name__=\"m\"} 1000=1.0");
        String exposition = TextExposition.write(registry);
        assertThat(exposition).contains("vigil_api_remote_write_dropped_total{kind=\"histogram\"} 1");
        assertThat(exposition).contains("vigil_api_remote_write_dropped_total{kind=\"exemplar\"} 1");
    }

    @Test
    void malformedBodiesAreBadRequestsThatStoreNothing() {
        byte[] good = writeRequest(series(labels("__name__", "m"), sample(1, 1000)));
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 3);
        byte[] invalidUtf8 = writeRequest(
                cat(bytesField(1, cat(stringField(1, "__name__"), bytesField(2, new byte[] {(byte) 0xff, 'x'})))));

        assertThat(send(truncated).error()).startsWith("decoding remote write request: ");
        assertThat(send(invalidUtf8).error())
                .isEqualTo("decoding remote write request: string field 2 is not valid UTF-8");
        byte[] notSnappy = {0x10, 0x00};
        assertThat(receiver.receive(notSnappy, 0, notSnappy.length).error()).startsWith("snappy: ");
        assertThat(storage.seriesCount()).isZero();
    }

    /** Each series as {@code labels t=v t=v ...}, {@code stale} for stale markers. */
    private List<String> read(String metric) {
        List<String> out = new ArrayList<>();
        try (Querier q = storage.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            SeriesSet set = q.select(true, Matcher.equal(Labels.METRIC_NAME, metric));
            while (set.next()) {
                StringBuilder s = new StringBuilder(set.at().labels().toString());
                SeriesIterator it = set.at().iterator();
                while (it.next()) {
                    s.append(' ')
                            .append(it.timestamp())
                            .append('=')
                            .append(StaleMarker.isStaleNaN(it.value()) ? "stale" : Double.toString(it.value()));
                }
                out.add(s.toString());
            }
        }
        return out;
    }
}
