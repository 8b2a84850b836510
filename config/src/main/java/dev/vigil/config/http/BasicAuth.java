package dev.vigil.config.http;

import java.util.Objects;

/** HTTP basic authentication ({@code basic_auth}). Empty strings mean "not set". */
public record BasicAuth(String username, String usernameFile, String password, String passwordFile) {
    public BasicAuth {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(usernameFile, "usernameFile");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(passwordFile, "passwordFile");
    }
}
