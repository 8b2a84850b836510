package dev.vigil.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.log.Log;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyValueFormatterTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @AfterEach
    void restoreDefaultLogging() throws IOException {
        java.util.logging.LogManager.getLogManager().readConfiguration();
    }

    @Test
    void writesLogfmtWithQuotingOnlyWhereNeeded() {
        Logging.configure(LogLevel.INFO, LogFormat.LOGFMT, out);
        Log.get(KeyValueFormatterTest.class)
                .info("Loading configuration file", "filename", "/etc/vigil.yml", "note", "a \"b\"", "empty", "");

        String line = text();
        assertThat(line)
                .matches(
                        "ts=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z caller=KeyValueFormatterTest level=info "
                                + "msg=\"Loading configuration file\" filename=/etc/vigil.yml note=\"a \\\\\"b\\\\\"\" empty=\"\"\n");
    }

    @Test
    void writesJsonAndAddsTheError() {
        Logging.configure(LogLevel.INFO, LogFormat.JSON, out);
        Log.get(KeyValueFormatterTest.class).error("Reload failed", new java.io.IOException("disk\ngone"), "file", "x");

        assertThat(text())
                .startsWith("{\"ts\":\"")
                .contains("\"caller\":\"KeyValueFormatterTest\",\"level\":\"error\",\"msg\":\"Reload failed\","
                        + "\"file\":\"x\",\"err\":\"disk\\ngone\"}\n");
    }

    @Test
    void levelFiltersAndPlainJulRecordsGetTheSameShape() {
        Logging.configure(LogLevel.WARN, LogFormat.LOGFMT, out);
        Log log = Log.get(KeyValueFormatterTest.class);
        log.info("hidden");
        log.debug("hidden too");
        Logger.getLogger("io.vertx.core.Something").log(Level.WARNING, "plain {0} message");

        assertThat(text()).doesNotContain("hidden").contains("caller=Something level=warn msg=\"plain {0} message\"");
    }

    @Test
    void aTrailingKeyWithoutValueIsMarked() {
        Logging.configure(LogLevel.INFO, LogFormat.LOGFMT, out);
        Log.get(KeyValueFormatterTest.class).info("m", "lonely");
        assertThat(text()).endsWith("msg=m lonely=MISSING\n");
    }

    private String text() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
