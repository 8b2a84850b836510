package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.model.labels.Labels;
import dev.vigil.model.storage.Appender;
import dev.vigil.promql.engine.Engine;
import dev.vigil.promql.engine.EngineOptions;
import dev.vigil.promql.engine.TooManySamplesException;
import dev.vigil.server.http.ListenAddress;
import dev.vigil.server.log.LogFormat;
import dev.vigil.server.log.LogLevel;
import dev.vigil.testkit.InMemoryStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryEnginesTest {
    private static ServerOptions flags(Duration timeout, long maxSamples, Duration lookback) {
        return new ServerOptions(
                null,
                Path.of("data"),
                Duration.ofDays(15),
                0,
                new ListenAddress("127.0.0.1", 9090),
                false,
                false,
                null,
                timeout,
                maxSamples,
                lookback,
                LogLevel.INFO,
                LogFormat.LOGFMT,
                Duration.ofSeconds(30),
                Map.of());
    }

    @Test
    void queryFlagsBecomeEngineLimits() {
        EngineOptions o = QueryEngines.options(
                flags(Duration.ofSeconds(30), 1234, Duration.ofMinutes(2)), Duration.ofSeconds(15));
        assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.maxSamples()).isEqualTo(1234);
        assertThat(o.lookbackDelta()).isEqualTo(Duration.ofMinutes(2));
        assertThat(o.defaultSubqueryStep()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void maxSamplesFailsWithPrometheusText() throws Exception {
        InMemoryStorage storage = new InMemoryStorage();
        Appender app = storage.appender();
        for (int i = 0; i < 10; i++) {
            app.append(0, Labels.of("__name__", "x", "i", Integer.toString(i)), 0, i);
        }
        app.commit();
        Engine engine = QueryEngines.create(
                storage, flags(Duration.ofMinutes(2), 5, Duration.ofMinutes(5)), Duration.ofMinutes(1));
        assertThatThrownBy(() -> engine.instantQuery("x", 0))
                .isInstanceOf(TooManySamplesException.class)
                .hasMessage("query processing would load too many samples into memory in query execution");
        assertThat(engine.instantQuery("count(x{i=\"1\"})", 0).value()).isNotNull();
    }
}
