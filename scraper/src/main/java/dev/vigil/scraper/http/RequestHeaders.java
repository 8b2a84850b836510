package dev.vigil.scraper.http;

import dev.vigil.config.http.Authorization;
import dev.vigil.config.http.BasicAuth;
import dev.vigil.config.http.HttpClientConfig;
import dev.vigil.config.http.HttpHeader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;

/**
 * The request headers an {@code <http_config>} asks for: {@code http_headers} (values, secrets and files),
 * {@code basic_auth} (inline or files) and {@code authorization}/{@code bearer_token} (inline or file). Written into a
 * {@link Sink}, so the JDK and the Vert.x clients share one implementation. Stateless.
 */
public final class RequestHeaders {
    private RequestHeaders() {}

    /** Where headers go: a request builder or a header map. */
    @FunctionalInterface
    public interface Sink {
        /**
         * @param replace whether {@code value} replaces the header's values ({@code Authorization}) rather than
         *     being added to them
         */
        void put(String name, String value, boolean replace);
    }

    /**
     * Writes the headers; secrets in files are read now, so rotated files take effect on the next request.
     *
     * @throws IOException naming the file that cannot be read
     */
    public static void write(HttpClientConfig config, Function<String, Path> resolve, Sink sink) throws IOException {
        for (Map.Entry<String, HttpHeader> header : config.httpHeaders().entrySet()) {
            for (String value : header.getValue().values()) {
                sink.put(header.getKey(), value, false);
            }
            for (String value : header.getValue().secrets()) {
                sink.put(header.getKey(), value, false);
            }
            for (String file : header.getValue().files()) {
                sink.put(header.getKey(), read(resolve, file), false);
            }
        }
        if (config.basicAuth().isPresent()) {
            BasicAuth basic = config.basicAuth().get();
            String user = basic.usernameFile().isEmpty() ? basic.username() : read(resolve, basic.usernameFile());
            String password = basic.passwordFile().isEmpty() ? basic.password() : read(resolve, basic.passwordFile());
            String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            sink.put("Authorization", "Basic " + token, true);
        }
        if (config.authorization().isPresent()) {
            Authorization auth = config.authorization().get();
            String credentials =
                    auth.credentialsFile().isEmpty() ? auth.credentials() : read(resolve, auth.credentialsFile());
            sink.put("Authorization", auth.type() + " " + credentials, true);
        }
    }

    /** Whether {@link #write} reads files, so its result may change from one request to the next. */
    public static boolean readsFiles(HttpClientConfig config) {
        boolean headerFiles =
                config.httpHeaders().values().stream().anyMatch(h -> !h.files().isEmpty());
        boolean basicFiles = config.basicAuth()
                .map(b -> !b.usernameFile().isEmpty() || !b.passwordFile().isEmpty())
                .orElse(false);
        boolean credentialsFile =
                config.authorization().map(a -> !a.credentialsFile().isEmpty()).orElse(false);
        return headerFiles || basicFiles || credentialsFile;
    }

    private static String read(Function<String, Path> resolve, String file) throws IOException {
        return Files.readString(resolve.apply(file), StandardCharsets.UTF_8).strip();
    }
}
