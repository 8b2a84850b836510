package dev.vigil.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Libraries that log through SLF4J (fabric8's Kubernetes client) come out in Vigil's format, at Vigil's level. */
class Slf4jRoutingTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @AfterEach
    void restoreDefaultLogging() throws IOException {
        java.util.logging.LogManager.getLogManager().readConfiguration();
    }

    @Test
    void slf4jRecordsBecomeLogfmtLines() {
        Logging.configure(LogLevel.INFO, LogFormat.LOGFMT, out);
        Logger logger = LoggerFactory.getLogger("io.fabric8.kubernetes.client.informers.impl.cache.Reflector");
        logger.warn("Watch restarting due to http gone for {}", "v1/namespaces/apps/pods");
        logger.debug("not shown at info");

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text)
                .matches("ts=\\S+ caller=Reflector level=warn "
                        + "msg=\"Watch restarting due to http gone for v1/namespaces/apps/pods\"\n");
    }
}
