package dev.vigil.model.textparse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void acceptHeadersAreThoseOfPrometheus() {
        assertThat(Formats.PROMETHEUS_3_ACCEPT)
                .isEqualTo("application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,"
                        + "application/openmetrics-text;version=0.0.1;q=0.5,"
                        + "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,"
                        + "text/plain;version=0.0.4;q=0.3,*/*;q=0.2");
        assertThat(Formats.PROMETHEUS_2_42_ACCEPT)
                .isEqualTo(
                        "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
                                + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
    }

    @Test
    void knownMediaTypesChooseTheirParserWithoutComplaint() {
        assertThat(Formats.forContentType("text/plain; version=0.0.4; charset=utf-8"))
                .isEqualTo(new Formats.Choice(ExpositionFormat.PROMETHEUS_TEXT, null));
        assertThat(Formats.forContentType("text/plain;version=1.0.0;escaping=allow-utf-8"))
                .isEqualTo(new Formats.Choice(ExpositionFormat.PROMETHEUS_TEXT, null));
        assertThat(Formats.forContentType("Application/OpenMetrics-Text; version=1.0.0; charset=utf-8"))
                .isEqualTo(new Formats.Choice(ExpositionFormat.OPENMETRICS_TEXT, null));
        assertThat(Formats.forContentType("application/openmetrics-text; version=\"0.0.1\";"))
                .isEqualTo(new Formats.Choice(ExpositionFormat.OPENMETRICS_TEXT, null));
    }

    @Test
    void blankUnparsableAndUnsupportedFallBackToTextAndSayWhy() {
        Formats.Choice blank = Formats.forContentType("");
        assertThat(blank.format()).isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
        assertThat(blank.problem()).startsWith("non-compliant scrape target sending blank Content-Type");
        assertThat(Formats.forContentType(null).format()).isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);

        for (String bad :
                new String[] {"text/", "/plain", "text/plain; version", "text/plain; a=1; a=2", "te xt/plain"}) {
            Formats.Choice c = Formats.forContentType(bad);
            assertThat(c.format()).as(bad).isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
            assertThat(c.problem()).as(bad).startsWith("cannot parse Content-Type");
        }
        Formats.Choice json = Formats.forContentType("application/json");
        assertThat(json.format()).isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
        assertThat(json.problem())
                .isEqualTo("received unsupported Content-Type \"application/json\", using fallback PROMETHEUS_TEXT");
        assertThat(Formats.forContentType("application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily")
                        .problem())
                .startsWith("received unsupported Content-Type");
    }

    @Test
    void withoutFallbackTheScrapeFailsLikePrometheus3() {
        Formats.Choice c = Formats.forContentType("", null);
        assertThat(c.format()).isNull();
        assertThat(c.problem())
                .isEqualTo(
                        "non-compliant scrape target sending blank Content-Type and no fallback_scrape_protocol specified for target");
        assertThat(Formats.forContentType("application/json", null).format()).isNull();
        assertThat(Formats.forContentType("text/plain", null).format()).isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
        assertThat(Formats.forContentType("text/html", ExpositionFormat.OPENMETRICS_TEXT)
                        .format())
                .isEqualTo(ExpositionFormat.OPENMETRICS_TEXT);
    }
}
