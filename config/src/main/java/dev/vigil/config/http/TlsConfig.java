package dev.vigil.config.http;

import java.util.Objects;
import java.util.Optional;

/**
 * TLS settings of an HTTP client ({@code tls_config}). Empty strings mean "not set"; file paths are as written in
 * the configuration file. At most one of each inline/file pair is set, and a client certificate comes with a key.
 *
 * @param minVersion TLS10 … TLS13, empty for the default (TLS 1.2)
 * @param maxVersion TLS10 … TLS13, empty for the default (TLS 1.3)
 */
public record TlsConfig(
        String ca,
        String caFile,
        String cert,
        String certFile,
        String key,
        String keyFile,
        String serverName,
        boolean insecureSkipVerify,
        Optional<TlsVersion> minVersion,
        Optional<TlsVersion> maxVersion) {

    public static final TlsConfig DEFAULT =
            new TlsConfig("", "", "", "", "", "", "", false, Optional.empty(), Optional.empty());

    public TlsConfig {
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(cert, "cert");
        Objects.requireNonNull(certFile, "certFile");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(minVersion, "minVersion");
        Objects.requireNonNull(maxVersion, "maxVersion");
    }

    /** TLS protocol versions as named in Prometheus's configuration. */
    public enum TlsVersion {
        TLS10("TLSv1"),
        TLS11("TLSv1.1"),
        TLS12("TLSv1.2"),
        TLS13("TLSv1.3");

        private final String javaName;

        TlsVersion(String javaName) {
            this.javaName = javaName;
        }

        /** The protocol name used by {@code javax.net.ssl}, e.g. {@code TLSv1.3}. */
        public String javaName() {
            return javaName;
        }
    }
}
