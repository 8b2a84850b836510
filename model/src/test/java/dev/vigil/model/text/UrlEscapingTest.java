package dev.vigil.model.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlEscapingTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "plain-_.~09AZaz|plain-_.~09AZaz",
                "a b|a+b",
                "a/b?c=d&e|a%2Fb%3Fc%3Dd%26e",
                "é|%C3%A9",
                "100%|100%25",
                "x*y|x%2Ay"
            })
    void escapesLikeGo(String in, String out) {
        assertThat(UrlEscaping.queryEscape(in)).isEqualTo(out);
    }
}
