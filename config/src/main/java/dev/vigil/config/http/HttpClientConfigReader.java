package dev.vigil.config.http;

import dev.vigil.config.core.ConfigNode.Entry;
import dev.vigil.config.core.KeyPath;
import dev.vigil.config.core.MapReader;
import dev.vigil.config.core.Problems;
import dev.vigil.config.http.TlsConfig.TlsVersion;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the inline {@code <http_config>} keys of a mapping and applies Prometheus's mutual-exclusion rules, recording
 * each violation at the key it concerns. Stateless.
 */
public final class HttpClientConfigReader {
    /** Headers the HTTP client sets itself; Prometheus refuses to let a configuration override them. */
    public static final Set<String> RESERVED_HEADERS = Set.of(
            "authorization",
            "host",
            "content-encoding",
            "content-length",
            "content-type",
            "user-agent",
            "connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "www-authenticate",
            "accept-encoding",
            "x-prometheus-remote-write-version",
            "x-prometheus-remote-read-version",
            "x-prometheus-scrape-timeout-seconds",
            "x-amz-date",
            "x-amz-security-token",
            "x-amz-content-sha256");

    private static final Set<String> HTTP_SCHEMES = Set.of("http", "https");
    private static final Set<String> PROXY_SCHEMES = Set.of("http", "https", "socks5");

    private HttpClientConfigReader() {}

    /** Reads the HTTP client keys of {@code r}; {@code enableHttp2Default} is false only for remote write. */
    public static HttpClientConfig read(MapReader r, boolean enableHttp2Default) {
        Optional<String> bearerToken = r.optionalString("bearer_token").filter(s -> !s.isEmpty());
        Optional<String> bearerTokenFile = r.optionalString("bearer_token_file").filter(s -> !s.isEmpty());
        Optional<BasicAuth> basicAuth = r.map("basic_auth", HttpClientConfigReader::basicAuth);
        Optional<Authorization> authorization = r.map("authorization", HttpClientConfigReader::authorization);
        Optional<OAuth2Config> oauth2 = r.map("oauth2", HttpClientConfigReader::oauth2);
        boolean followRedirects = r.bool("follow_redirects", true);
        boolean enableHttp2 = r.bool("enable_http2", enableHttp2Default);
        TlsConfig tls = r.map("tls_config", HttpClientConfigReader::tls).orElse(TlsConfig.DEFAULT);
        ProxyConfig proxy = proxy(r);
        Map<String, HttpHeader> headers = httpHeaders(r);

        if (bearerToken.isPresent() && bearerTokenFile.isPresent()) {
            r.error("bearer_token_file", "at most one of bearer_token & bearer_token_file must be configured");
        }
        boolean bearer = bearerToken.isPresent() || bearerTokenFile.isPresent();
        String bearerKey = bearerToken.isPresent() ? "bearer_token" : "bearer_token_file";
        if ((basicAuth.isPresent() || oauth2.isPresent()) && bearer) {
            r.error(
                    bearerKey,
                    "at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured");
        }
        if (authorization.isPresent()) {
            if (bearer) {
                r.error("authorization", "authorization is not compatible with bearer_token & bearer_token_file");
            }
            if (basicAuth.isPresent() || oauth2.isPresent()) {
                r.error("authorization", "at most one of basic_auth, oauth2 & authorization must be configured");
            }
        } else if (bearerToken.isPresent()) {
            authorization = Optional.of(new Authorization(Authorization.DEFAULT_TYPE, bearerToken.get(), ""));
        } else if (bearerTokenFile.isPresent()) {
            authorization = Optional.of(new Authorization(Authorization.DEFAULT_TYPE, "", bearerTokenFile.get()));
        }
        if (oauth2.isPresent() && basicAuth.isPresent()) {
            r.error("oauth2", "at most one of basic_auth, oauth2 & authorization must be configured");
        }
        return new HttpClientConfig(
                basicAuth, authorization, oauth2, followRedirects, enableHttp2, tls, proxy, headers);
    }

    private static BasicAuth basicAuth(MapReader r) {
        String username = r.string("username", "");
        String usernameFile = r.string("username_file", "");
        String password = r.string("password", "");
        String passwordFile = r.string("password_file", "");
        if (!username.isEmpty() && !usernameFile.isEmpty()) {
            r.error("username_file", "at most one of basic_auth username & username_file must be configured");
        }
        if (!password.isEmpty() && !passwordFile.isEmpty()) {
            r.error("password_file", "at most one of basic_auth password & password_file must be configured");
        }
        return new BasicAuth(username, usernameFile, password, passwordFile);
    }

    private static Authorization authorization(MapReader r) {
        String type = r.string("type", "").strip();
        String credentials = r.string("credentials", "");
        String credentialsFile = r.string("credentials_file", "");
        if (type.isEmpty()) {
            type = Authorization.DEFAULT_TYPE;
        }
        if (type.toLowerCase(Locale.ROOT).equals("basic")) {
            r.error("type", "authorization type cannot be set to \"basic\", use \"basic_auth\" instead");
        }
        if (!credentials.isEmpty() && !credentialsFile.isEmpty()) {
            r.error(
                    "credentials_file",
                    "at most one of authorization credentials & credentials_file must be configured");
        }
        return new Authorization(type, credentials, credentialsFile);
    }

    private static OAuth2Config oauth2(MapReader r) {
        String clientId = r.string("client_id", "");
        String clientSecret = r.string("client_secret", "");
        String clientSecretFile = r.string("client_secret_file", "");
        String grantType = r.string("grant_type", "");
        String certificateKey = r.string("client_certificate_key", "");
        String certificateKeyFile = r.string("client_certificate_key_file", "");
        String certificateKeyId = r.string("client_certificate_key_id", "");
        String signatureAlgorithm = r.string("signature_algorithm", "");
        String issuer = r.string("iss", "");
        String audience = r.string("audience", "");
        Map<String, String> claims = r.stringMap("claims");
        List<String> scopes = r.stringList("scopes");
        String tokenUrl = r.string("token_url", "");
        Map<String, String> endpointParams = r.stringMap("endpoint_params");
        TlsConfig tls = r.map("tls_config", HttpClientConfigReader::tls).orElse(TlsConfig.DEFAULT);
        ProxyConfig proxy = proxy(r);
        if (clientId.isEmpty()) {
            r.error("client_id", "oauth2 client_id must be configured");
        }
        if (tokenUrl.isEmpty()) {
            r.error("token_url", "oauth2 token_url must be configured");
        } else {
            checkUrl(r, "token_url", tokenUrl);
        }
        if (!clientSecret.isEmpty() && !clientSecretFile.isEmpty()) {
            r.error(
                    "client_secret_file",
                    "at most one of oauth2 client_secret & client_secret_file must be configured");
        }
        if (!certificateKey.isEmpty() && !certificateKeyFile.isEmpty()) {
            r.error(
                    "client_certificate_key_file",
                    "at most one of oauth2 client_certificate_key & client_certificate_key_file must be configured");
        }
        if (!grantType.isEmpty()
                && !grantType.equals("client_credentials")
                && !grantType.equals("urn:ietf:params:oauth:grant-type:jwt-bearer")) {
            r.error(
                    "grant_type",
                    "unsupported oauth2 grant_type \"" + grantType
                            + "\" (client_credentials or urn:ietf:params:oauth:grant-type:jwt-bearer)");
        }
        if (!signatureAlgorithm.isEmpty() && !Set.of("RS256", "RS384", "RS512").contains(signatureAlgorithm)) {
            r.error(
                    "signature_algorithm",
                    "unsupported oauth2 signature_algorithm \"" + signatureAlgorithm + "\" (RS256, RS384 or RS512)");
        }
        return new OAuth2Config(
                clientId,
                clientSecret,
                clientSecretFile,
                grantType,
                certificateKey,
                certificateKeyFile,
                certificateKeyId,
                signatureAlgorithm,
                issuer,
                audience,
                claims,
                scopes,
                tokenUrl,
                endpointParams,
                tls,
                proxy);
    }

    /** Reads a {@code tls_config} mapping. */
    public static TlsConfig tls(MapReader r) {
        String ca = r.string("ca", "");
        String caFile = r.string("ca_file", "");
        String cert = r.string("cert", "");
        String certFile = r.string("cert_file", "");
        String key = r.string("key", "");
        String keyFile = r.string("key_file", "");
        String serverName = r.string("server_name", "");
        boolean insecure = r.bool("insecure_skip_verify", false);
        Optional<TlsVersion> min = tlsVersion(r, "min_version");
        Optional<TlsVersion> max = tlsVersion(r, "max_version");
        if (!ca.isEmpty() && !caFile.isEmpty()) {
            r.error("ca_file", "at most one of ca & ca_file must be configured");
        }
        if (!cert.isEmpty() && !certFile.isEmpty()) {
            r.error("cert_file", "at most one of cert & cert_file must be configured");
        }
        if (!key.isEmpty() && !keyFile.isEmpty()) {
            r.error("key_file", "at most one of key & key_file must be configured");
        }
        boolean hasCert = !cert.isEmpty() || !certFile.isEmpty();
        boolean hasKey = !key.isEmpty() || !keyFile.isEmpty();
        if (hasCert && !hasKey) {
            r.error(
                    cert.isEmpty() ? "cert_file" : "cert",
                    "exactly one of key or key_file must be configured when a client certificate is configured");
        } else if (hasKey && !hasCert) {
            r.error(
                    key.isEmpty() ? "key_file" : "key",
                    "exactly one of cert or cert_file must be configured when a client key is configured");
        }
        if (min.isPresent() && max.isPresent() && min.get().compareTo(max.get()) > 0) {
            r.error("max_version", "max_version must not be lower than min_version");
        }
        return new TlsConfig(ca, caFile, cert, certFile, key, keyFile, serverName, insecure, min, max);
    }

    private static Optional<TlsVersion> tlsVersion(MapReader r, String key) {
        Optional<String> text = r.optionalString(key).filter(s -> !s.isEmpty());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(TlsVersion.valueOf(text.get()));
        } catch (IllegalArgumentException e) {
            r.error(key, "unknown TLS version: " + text.get() + " (one of TLS10, TLS11, TLS12, TLS13)");
            return Optional.empty();
        }
    }

    /** Reads the proxy keys of {@code r} (inline in an HTTP client or OAuth 2.0 configuration). */
    static ProxyConfig proxy(MapReader r) {
        String proxyUrl = r.string("proxy_url", "");
        String noProxy = r.string("no_proxy", "");
        boolean fromEnvironment = r.bool("proxy_from_environment", false);
        Map<String, List<String>> connectHeader = r.stringListMap("proxy_connect_header");
        if (!proxyUrl.isEmpty()) {
            checkUrl(r, "proxy_url", proxyUrl, PROXY_SCHEMES);
        }
        if (!connectHeader.isEmpty() && !fromEnvironment && proxyUrl.isEmpty()) {
            r.error(
                    "proxy_connect_header",
                    "if proxy_connect_header is configured, proxy_url or proxy_from_environment must also be configured");
        }
        if (fromEnvironment && !proxyUrl.isEmpty()) {
            r.error("proxy_url", "if proxy_from_environment is configured, proxy_url must not be configured");
        }
        if (fromEnvironment && !noProxy.isEmpty()) {
            r.error("no_proxy", "if proxy_from_environment is configured, no_proxy must not be configured");
        }
        if (!fromEnvironment && proxyUrl.isEmpty() && !noProxy.isEmpty()) {
            r.error("no_proxy", "if no_proxy is configured, proxy_url must also be configured");
        }
        return new ProxyConfig(proxyUrl, noProxy, fromEnvironment, connectHeader);
    }

    private static Map<String, HttpHeader> httpHeaders(MapReader r) {
        Map<String, HttpHeader> headers = new LinkedHashMap<>();
        for (Entry entry : r.mapEntries("http_headers")) {
            KeyPath path = r.pathOf("http_headers").child(entry.key());
            Problems problems = r.problems();
            if (RESERVED_HEADERS.contains(entry.key().toLowerCase(Locale.ROOT))) {
                problems.add(entry.keyLocation(), path, "setting header \"" + entry.key() + "\" is not allowed");
            }
            MapReader header = MapReader.of(entry.value(), path, problems);
            headers.put(
                    entry.key(),
                    new HttpHeader(
                            header.stringList("values"), header.stringList("secrets"), header.stringList("files")));
            header.finish();
        }
        return headers;
    }

    /**
     * Checks that {@code value} is an absolute http(s) URL with a host, recording a problem at {@code key} if not.
     *
     * @return the parsed URL, if valid
     */
    public static Optional<URI> checkUrl(MapReader r, String key, String value) {
        return checkUrl(r, key, value, HTTP_SCHEMES);
    }

    /** Like {@link #checkUrl(MapReader, String, String)}, with the allowed schemes given. */
    public static Optional<URI> checkUrl(MapReader r, String key, String value, Set<String> schemes) {
        String problem;
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (scheme == null) {
                problem = "missing scheme such as http://";
            } else if (!schemes.contains(scheme)) {
                problem = "scheme must be one of "
                        + String.join(", ", schemes.stream().sorted().toList()) + ", got \"" + scheme + "\"";
            } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
                problem = "missing host";
            } else {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            problem = e.getReason() + " at index " + e.getIndex();
        }
        r.error(key, "invalid URL \"" + value + "\": " + problem);
        return Optional.empty();
    }
}
