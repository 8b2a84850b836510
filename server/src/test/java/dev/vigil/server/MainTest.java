package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void nettyFlightRecorderEventsAreOffByDefault() {
        Properties properties = new Properties();
        Main.applyDefaults(properties);
        assertThat(properties.getProperty("io.netty.jfr.enabled")).isEqualTo("false");
    }

    @Test
    void aPropertyGivenOnTheCommandLineWins() {
        Properties properties = new Properties();
        properties.setProperty("io.netty.jfr.enabled", "true");
        Main.applyDefaults(properties);
        assertThat(properties.getProperty("io.netty.jfr.enabled")).isEqualTo("true");
    }
}
