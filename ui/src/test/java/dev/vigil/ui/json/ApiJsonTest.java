package dev.vigil.ui.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.labels.Labels;
import dev.vigil.promql.ast.Expr;
import dev.vigil.promql.parser.ExpressionParser;
import dev.vigil.promql.parser.ParserOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiJsonTest {
    @FunctionalInterface
    interface Body {
        void write(ApiJson json) throws Exception;
    }

    private static String json(Body body) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ApiJson json = ApiJson.to(out)) {
            body.write(json);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void labelsEscapeLikeJsoniterWriteStringAndOtherStringsAreHtmlSafe() throws Exception {
        String text = "<a>&\"\\\n\t\u0001\u0008\u000c\u007f\u2028é";
        assertThat(json(j -> j.labels(Labels.of("k<", text))))
                .isEqualTo("{\"k<\":\"<a>&\\\"\\\\\\n\\t\\u0001\\u0008\\u000c\u007f\u2028é\"}");
        assertThat(json(j -> j.strings(List.of(text))))
                .isEqualTo("[\"\\u003ca\\u003e\\u0026\\\"\\\\\\n\\t\\u0001\\u0008\\u000c\u007f\\u2028é\"]");
    }

    @Test
    void sampleTimestampsKeepThreeDecimals() throws Exception {
        assertThat(json(j -> {
                    j.startArray();
                    j.sampleTimestamp(1_435_781_451_781L);
                    j.sampleTimestamp(1_500);
                    j.sampleTimestamp(1_050);
                    j.sampleTimestamp(10_000);
                    j.sampleTimestamp(-1_500);
                    j.sampleTimestamp(-1);
                    j.sampleTimestamp(0);
                    j.endArray();
                }))
                .isEqualTo("[1435781451.781,1.500,1.050,10,-1.500,-0.001,0]");
    }

    @Test
    void timesAreGoRfc3339Nano() {
        assertThat(ApiJson.rfc3339(null)).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(ApiJson.rfc3339(Instant.parse("2026-12-03T14:21:26.713156402Z")))
                .isEqualTo("2026-12-03T14:21:26.713156402Z");
        assertThat(ApiJson.rfc3339(Instant.parse("2026-12-03T14:21:26.710Z"))).isEqualTo("2026-12-03T14:21:26.71Z");
        assertThat(ApiJson.rfc3339(Instant.parse("0999-01-01T00:00:00Z"))).isEqualTo("0999-01-01T00:00:00Z");
    }

    @Test
    void durationExpressionsAreWrittenAsPrometheusDurationExprNodes() throws Exception {
        Expr expr = ExpressionParser.parse("foo[(5m) * 2:step()] offset -(1m + 30s)", ParserOptions.ALL_FEATURES);
        String out = json(j -> AstJson.write(j, expr));
        assertThat(out)
                .contains("\"rangeExpr\":{\"lhs\":{\"duration\":true,\"type\":\"numberLiteral\",\"val\":\"300\"},"
                        + "\"op\":\"*\",\"rhs\":{\"duration\":false,\"type\":\"numberLiteral\",\"val\":\"2\"},"
                        + "\"type\":\"durationExpr\",\"wrapped\":false}")
                .contains("\"stepExpr\":{\"lhs\":null,\"op\":\"step\",\"rhs\":null,\"type\":\"durationExpr\","
                        + "\"wrapped\":false}")
                .contains("\"offsetExpr\":{\"lhs\":null,\"op\":\"-\",\"rhs\":{\"lhs\":{\"duration\":true,"
                        + "\"type\":\"numberLiteral\",\"val\":\"60\"},\"op\":\"+\",\"rhs\":{\"duration\":true,"
                        + "\"type\":\"numberLiteral\",\"val\":\"30\"},\"type\":\"durationExpr\",\"wrapped\":true},"
                        + "\"type\":\"durationExpr\",\"wrapped\":false}");
    }
}
