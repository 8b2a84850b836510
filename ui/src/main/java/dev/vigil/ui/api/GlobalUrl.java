package dev.vigil.ui.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

/**
 * The {@code globalUrl} of a target: its scrape URL made reachable from outside, as Prometheus's {@code
 * getGlobalURL} does. A target on this machine's loopback at this server's own port is this server, so it gets the
 * external URL's scheme and host; one on loopback at another port gets the external host with its own port; any other
 * URL is unchanged. Stateless.
 */
final class GlobalUrl {
    private static final Set<String> LOCALHOST = Set.of("127.0.0.1", "localhost", "::1");

    /** The URL, and why it could not be computed (or {@code null}). */
    record Result(String url, String error) {}

    private GlobalUrl() {}

    static Result of(String scrapeUrl, ApiSettings.GlobalUrlOptions options) {
        URI uri;
        try {
            uri = new URI(scrapeUrl);
        } catch (URISyntaxException e) {
            return new Result(scrapeUrl, e.getMessage());
        }
        String authority = uri.getRawAuthority();
        if (authority == null) {
            return new Result(scrapeUrl, null);
        }
        HostPort target = HostPort.split(authority);
        if (!LOCALHOST.contains(target.host)) {
            return new Result(scrapeUrl, null);
        }
        HostPort listen = HostPort.split(options.listenAddress());
        if (listen.port == null) {
            return new Result(scrapeUrl, "address " + options.listenAddress() + ": missing port in address");
        }
        String scheme = uri.getScheme();
        String newAuthority;
        if (listen.port.equals(target.port)) {
            scheme = options.scheme();
            newAuthority = options.host();
        } else {
            String host = HostPort.split(options.host()).host;
            newAuthority = target.port == null ? host : HostPort.join(host, target.port);
        }
        StringBuilder out = new StringBuilder(scheme).append("://").append(newAuthority);
        if (uri.getRawPath() != null) {
            out.append(uri.getRawPath());
        }
        if (uri.getRawQuery() != null) {
            out.append('?').append(uri.getRawQuery());
        }
        if (uri.getRawFragment() != null) {
            out.append('#').append(uri.getRawFragment());
        }
        return new Result(out.toString(), null);
    }

    /** Go's {@code net.SplitHostPort}, lenient about a missing port like Prometheus's {@code sanitizeSplitHostPort}. */
    private record HostPort(String host, String port) {
        static HostPort split(String address) {
            if (address.startsWith("[")) {
                int close = address.indexOf(']');
                if (close > 0) {
                    String host = address.substring(1, close);
                    String rest = address.substring(close + 1);
                    return new HostPort(host, rest.startsWith(":") ? rest.substring(1) : null);
                }
            }
            int colon = address.lastIndexOf(':');
            if (colon < 0 || address.indexOf(':') != colon) {
                // No port, or a bare IPv6 address.
                return new HostPort(address, null);
            }
            return new HostPort(address.substring(0, colon), address.substring(colon + 1));
        }

        static String join(String host, String port) {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
