package dev.vigil.server.http;

/**
 * A {@code --web.listen-address} value: {@code :9090} (all interfaces), {@code host:9090} or
 * {@code [::1]:9090}. Port 0 asks the OS for a free port.
 */
public record ListenAddress(String host, int port) {

    public static ListenAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("listen address \"" + text + "\" has no port; expected [host]:port");
        }
        String host = text.substring(0, colon);
        String portText = text.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException(
                    "listen address \"" + text + "\": an IPv6 host must be in brackets, e.g. [::1]:9090");
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("listen address \"" + text + "\": invalid port \"" + portText + "\"");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("listen address \"" + text + "\": port " + port + " out of range");
        }
        return new ListenAddress(host.isEmpty() ? "0.0.0.0" : host, port);
    }

    /** The host to use when connecting to this server from the same machine. */
    public String localHost() {
        return switch (host) {
            case "0.0.0.0" -> "localhost";
            case "::" -> "[::1]";
            default -> host.contains(":") ? "[" + host + "]" : host;
        };
    }
}
