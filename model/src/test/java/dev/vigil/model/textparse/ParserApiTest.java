package dev.vigil.model.textparse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ParserApiTest {

    @Test
    void seriesRangeCoversNameAndLabelsOnly() throws Exception {
        byte[] body = bytes("  a{b=\"c\"} 1 2\nd 3\n{\"e.f\",g=\"h\"} 4\n");
        ExpositionParser p = ExpositionFormat.PROMETHEUS_TEXT.newParser(body);
        p.next();
        assertThat(series(p)).isEqualTo("a{b=\"c\"}");
        p.next();
        assertThat(series(p)).isEqualTo("d");
        p.next();
        assertThat(series(p)).isEqualTo("{\"e.f\",g=\"h\"}");
    }

    @Test
    void namesComeFromTheSymbolCacheSoRepeatedNamesAreTheSameInstance() throws Exception {
        SymbolCache cache = new SymbolCache(256);
        ParserOptions options = ParserOptions.defaults().withSymbols(cache);
        byte[] body = bytes("node_load1{host=\"a\"} 1\nnode_load1{host=\"a\"} 2\n");
        ExpositionParser p = ExpositionFormat.PROMETHEUS_TEXT.newParser(body, 0, body.length, options);
        p.next();
        String name = p.metricName();
        String label = p.labelName(0);
        String value = p.labelValue(0);
        p.next();
        assertThat(p.metricName()).isSameAs(name);
        assertThat(p.labelName(0)).isSameAs(label);
        assertThat(p.labelValue(0)).isSameAs(value);
        // A second parser sharing the cache (the next scrape) gets the same instances too.
        ExpositionParser next = ExpositionFormat.PROMETHEUS_TEXT.newParser(body.clone(), 0, body.length, options);
        next.next();
        assertThat(next.metricName()).isSameAs(name);
    }

    @Test
    void resetReusesTheParserForTheNextBody() throws Exception {
        ExpositionParser p =
                ExpositionFormat.PROMETHEUS_TEXT.newParser(bytes("# TYPE h histogram\nh_bucket{le=\"1\"} 1\n"));
        assertThat(Dump.all(p)).hasSize(3);
        p.reset(bytes("x{le=\"1\"} 2\n"), 0, 12);
        assertThat(p.next()).isEqualTo(Entry.SERIES);
        assertThat(p.familyType()).isEqualTo(FamilyType.UNKNOWN);
        assertThat(p.labelValue(0)).isEqualTo("1");
        assertThat(p.lineNumber()).isEqualTo(1);
        assertThat(p.next()).isEqualTo(Entry.EOF);
        assertThat(p.next()).isEqualTo(Entry.EOF);
    }

    @Test
    void nanIsPrometheusNormalNan() throws Exception {
        ExpositionParser p = ExpositionFormat.PROMETHEUS_TEXT.newParser(bytes("a NaN\n"));
        p.next();
        assertThat(Double.doubleToRawLongBits(p.value())).isEqualTo(0x7ff8000000000001L);
    }

    @Test
    void skipCreatedSeriesDropsCreatedSamplesOfCountersSummariesAndHistogramsOnly() throws Exception {
        byte[] body = bytes("# TYPE a counter\na_total 1\na_created 1.5e9\n"
                + "# TYPE g gauge\ng_created 2\n"
                + "# TYPE h histogram\nh_count 1\nh_created 3\n# EOF\n");
        ParserOptions skip = ParserOptions.defaults().withSkipCreatedSeries(true);
        assertThat(Dump.all(ExpositionFormat.OPENMETRICS_TEXT.newParser(body, 0, body.length, skip)))
                .containsExactly(
                        "TYPE a COUNTER",
                        "SERIES a_total{} 1.0",
                        "TYPE g GAUGE",
                        "SERIES g_created{} 2.0",
                        "TYPE h HISTOGRAM",
                        "SERIES h_count{} 1.0",
                        "EOF");
        assertThat(Dump.all(ExpositionFormat.OPENMETRICS_TEXT.newParser(body))).hasSize(9);
    }

    @Test
    void requireUniqueLabelNamesFindsDuplicatesIncludingName() throws Exception {
        ExpositionParser p = ExpositionFormat.PROMETHEUS_TEXT.newParser(
                bytes("a{x=\"1\",y=\"2\"} 1\na{x=\"1\",x=\"2\"} 1\na{__name__=\"b\"} 1\n"));
        p.next();
        p.requireUniqueLabelNames();
        p.next();
        assertThatThrownBy(p::requireUniqueLabelNames).isInstanceOfSatisfying(TextParseException.class, e -> {
            assertThat(e.reason()).isEqualTo("label name \"x\" is not unique");
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isEqualTo(9);
        });
        p.next();
        assertThatThrownBy(p::requireUniqueLabelNames).hasMessageContaining("\"__name__\" is not unique");
    }

    @Test
    void exemplarAccessors() throws Exception {
        ExpositionParser p = ExpositionFormat.OPENMETRICS_TEXT.newParser(
                bytes("a_total 5 # {trace_id=\"t1\",span_id=\"s\\\"1\"} 0.25 1700000000.25\na_total 6\n# EOF\n"));
        assertThat(p.next()).isEqualTo(Entry.SERIES);
        assertThat(p.hasExemplar()).isTrue();
        assertThat(p.exemplarLabelCount()).isEqualTo(2);
        assertThat(p.exemplarLabelName(1)).isEqualTo("span_id");
        assertThat(p.exemplarLabelValue(1)).isEqualTo("s\"1");
        assertThat(p.exemplarValue()).isEqualTo(0.25);
        assertThat(p.exemplarHasTimestamp()).isTrue();
        assertThat(p.exemplarTimestampMs()).isEqualTo(1_700_000_000_250L);
        assertThat(p.hasTimestamp()).isFalse();
        assertThat(p.next()).isEqualTo(Entry.SERIES);
        assertThat(p.hasExemplar()).isFalse();
        assertThat(p.exemplarLabelCount()).isZero();
    }

    @Test
    void labelIndexOutOfRangeIsAnError() throws Exception {
        ExpositionParser p = ExpositionFormat.PROMETHEUS_TEXT.newParser(bytes("a{b=\"c\"} 1\n"));
        p.next();
        assertThatThrownBy(() -> p.labelName(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> p.labelValue(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void invalidRangesAndOptionsAreRejected() {
        assertThatThrownBy(
                        () -> ExpositionFormat.PROMETHEUS_TEXT.newParser(new byte[4], 2, 3, ParserOptions.defaults()))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ParserOptions.defaults().withStreamBuffer(8, 100))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsingContinuesAfterAnErrorWithTheNextLine() throws Exception {
        ExpositionParser p = ExpositionFormat.PROMETHEUS_TEXT.newParser(bytes("a{ 1\nb 2\n"));
        assertThatThrownBy(p::next).isInstanceOf(TextParseException.class);
        assertThat(p.next()).isEqualTo(Entry.SERIES);
        assertThat(p.metricName()).isEqualTo("b");
        assertThat(p.lineNumber()).isEqualTo(2);
    }

    @Test
    void formatIsReported() {
        assertThat(ExpositionFormat.OPENMETRICS_TEXT.newParser(new byte[0]).format())
                .isEqualTo(ExpositionFormat.OPENMETRICS_TEXT);
        assertThat(ExpositionFormat.PROMETHEUS_TEXT.newParser(new byte[0])).isInstanceOf(PrometheusTextParser.class);
    }

    @Test
    void rawMetadataTextIsExposedWithEscapesUnresolved() throws Exception {
        ExpositionParser text = ExpositionFormat.PROMETHEUS_TEXT.newParser(bytes("# HELP a Line\\none\n# HELP b\n"));
        assertThat(text.next()).isEqualTo(Entry.HELP);
        assertThat(metadataText(text)).isEqualTo("Line\\none");
        assertThat(text.help()).isEqualTo("Line\none");
        assertThat(text.next()).isEqualTo(Entry.HELP);
        assertThat(metadataText(text)).isEmpty();

        ExpositionParser om = ExpositionFormat.OPENMETRICS_TEXT.newParser(
                bytes("# TYPE c_seconds counter\n# UNIT c_seconds seconds\n# HELP c_seconds Time.\n# EOF\n"));
        assertThat(om.next()).isEqualTo(Entry.TYPE);
        assertThat(om.next()).isEqualTo(Entry.UNIT);
        assertThat(metadataText(om)).isEqualTo("seconds");
        assertThat(om.next()).isEqualTo(Entry.HELP);
        assertThat(metadataText(om)).isEqualTo("Time.");
    }

    private static String metadataText(ExpositionParser p) {
        return new String(p.seriesBuffer(), p.metadataTextOffset(), p.metadataTextLength(), StandardCharsets.UTF_8);
    }

    private static String series(ExpositionParser p) {
        return new String(p.seriesBuffer(), p.seriesOffset(), p.seriesLength(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
