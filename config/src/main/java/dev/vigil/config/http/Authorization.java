package dev.vigil.config.http;

import java.util.Objects;

/**
 * The {@code Authorization} header ({@code authorization}, or the deprecated {@code bearer_token} /
 * {@code bearer_token_file}, which are turned into type {@code Bearer}). Empty strings mean "not set".
 */
public record Authorization(String type, String credentials, String credentialsFile) {
    public static final String DEFAULT_TYPE = "Bearer";

    public Authorization {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(credentialsFile, "credentialsFile");
    }
}
