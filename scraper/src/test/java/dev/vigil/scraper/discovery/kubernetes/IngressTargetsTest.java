package dev.vigil.scraper.discovery.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IngressTargetsTest {
    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource({
        "example.com, example.com, true",
        "example.com, www.example.com, false",
        "*.example.com, www.example.com, true",
        "*.example.com, example.com, false",
        "*.example.com, a.b.example.com, false",
        "*.example.com, www.example.org, false",
        "www.*.com, www.example.com, false",
        "*, localhost, true",
    })
    void tlsHostPatterns(String pattern, String host, boolean covered) {
        assertThat(IngressTargets.matchesHost(pattern, host)).isEqualTo(covered);
    }
}
