package dev.vigil.config.http;

import java.util.List;

/** Values of one custom header ({@code http_headers}): plain values, secret values, and files to read values from. */
public record HttpHeader(List<String> values, List<String> secrets, List<String> files) {
    public HttpHeader {
        values = List.copyOf(values);
        secrets = List.copyOf(secrets);
        files = List.copyOf(files);
    }
}
