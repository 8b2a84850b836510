package dev.vigil.config.http;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Proxy settings shared by HTTP clients and OAuth 2.0 token requests. Empty strings mean "not set".
 *
 * @param proxyConnectHeader headers sent to the proxy on CONNECT, name to values
 */
public record ProxyConfig(
        String proxyUrl, String noProxy, boolean proxyFromEnvironment, Map<String, List<String>> proxyConnectHeader) {

    public static final ProxyConfig NONE = new ProxyConfig("", "", false, Map.of());

    public ProxyConfig {
        Objects.requireNonNull(proxyUrl, "proxyUrl");
        Objects.requireNonNull(noProxy, "noProxy");
        proxyConnectHeader = Map.copyOf(proxyConnectHeader);
    }
}
