package dev.vigil.config.http;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * OAuth 2.0 client credentials (or JWT bearer) authentication ({@code oauth2}). Empty strings mean "not set".
 *
 * @param grantType empty for {@code client_credentials}, or {@code urn:ietf:params:oauth:grant-type:jwt-bearer}
 */
public record OAuth2Config(
        String clientId,
        String clientSecret,
        String clientSecretFile,
        String grantType,
        String clientCertificateKey,
        String clientCertificateKeyFile,
        String clientCertificateKeyId,
        String signatureAlgorithm,
        String issuer,
        String audience,
        Map<String, String> claims,
        List<String> scopes,
        String tokenUrl,
        Map<String, String> endpointParams,
        TlsConfig tlsConfig,
        ProxyConfig proxy) {

    public OAuth2Config {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(clientSecretFile, "clientSecretFile");
        Objects.requireNonNull(grantType, "grantType");
        Objects.requireNonNull(clientCertificateKey, "clientCertificateKey");
        Objects.requireNonNull(clientCertificateKeyFile, "clientCertificateKeyFile");
        Objects.requireNonNull(clientCertificateKeyId, "clientCertificateKeyId");
        Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        claims = Map.copyOf(claims);
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        endpointParams = Map.copyOf(endpointParams);
        Objects.requireNonNull(tlsConfig, "tlsConfig");
        Objects.requireNonNull(proxy, "proxy");
    }
}
