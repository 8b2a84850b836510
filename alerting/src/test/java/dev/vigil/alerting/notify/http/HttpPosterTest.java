package dev.vigil.alerting.notify.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.alerting.notify.NotifyResult;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class HttpPosterTest {
    @Test
    void classifiesStatusCodes() {
        assertThat(HttpPoster.classify(200, null, Buffer.buffer("ok"))).isEqualTo(NotifyResult.SUCCESS);
        assertThat(HttpPoster.classify(204, null, Buffer.buffer())).isEqualTo(NotifyResult.SUCCESS);
        assertThat(HttpPoster.classify(503, "12", Buffer.buffer("down")))
                .isEqualTo(new NotifyResult.Retryable(
                        "serverError",
                        "unexpected status code 503: down",
                        java.util.Optional.of(Duration.ofSeconds(12))));
        assertThat(HttpPoster.classify(429, null, Buffer.buffer(""))).isInstanceOf(NotifyResult.Retryable.class);
        NotifyResult bad = HttpPoster.classify(404, null, Buffer.buffer("y".repeat(3000)));
        assertThat(bad).isInstanceOf(NotifyResult.Failed.class);
        assertThat(((NotifyResult.Failed) bad).message())
                .startsWith("unexpected status code 404: yyy")
                .hasSize("unexpected status code 404: ".length() + 1024 + 1);
    }

    @Test
    void parsesRetryAfterSecondsAndDates() {
        assertThat(HttpPoster.parseRetryAfter("30")).contains(Duration.ofSeconds(30));
        assertThat(HttpPoster.parseRetryAfter(" 0 ")).contains(Duration.ZERO);
        assertThat(HttpPoster.parseRetryAfter("-1")).isEmpty();
        assertThat(HttpPoster.parseRetryAfter("1d")).isEmpty();
        assertThat(HttpPoster.parseRetryAfter("soon")).isEmpty();
        assertThat(HttpPoster.parseRetryAfter("1.5")).contains(Duration.ofMillis(1500));
        assertThat(HttpPoster.parseRetryAfter(null)).isEmpty();
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).minusDays(1));
        assertThat(HttpPoster.parseRetryAfter(past)).contains(Duration.ZERO);
        String future = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusHours(1));
        assertThat(HttpPoster.parseRetryAfter(future).orElseThrow())
                .isBetween(Duration.ofMinutes(59), Duration.ofMinutes(60));
    }
}
