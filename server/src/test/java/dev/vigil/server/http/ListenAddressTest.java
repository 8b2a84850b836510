package dev.vigil.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListenAddressTest {

    @ParameterizedTest
    @CsvSource({
        ":9090, 0.0.0.0, 9090, localhost",
        "127.0.0.1:0, 127.0.0.1, 0, 127.0.0.1",
        "[::1]:9090, ::1, 9090, [::1]",
        "[::]:80, ::, 80, [::1]",
        "example.org:443, example.org, 443, example.org"
    })
    void parsesPrometheusListenAddresses(String text, String host, int port, String localHost) {
        ListenAddress address = ListenAddress.parse(text);
        assertThat(address).isEqualTo(new ListenAddress(host, port));
        assertThat(address.localHost()).isEqualTo(localHost);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "9090|has no port",
                "localhost:http|invalid port \"http\"",
                ":70000|port 70000 out of range",
                "::1:9090|must be in brackets"
            })
    void rejectsBadAddressesSayingWhy(String text, String message) {
        assertThatThrownBy(() -> ListenAddress.parse(text)).hasMessageContaining(message);
    }
}
