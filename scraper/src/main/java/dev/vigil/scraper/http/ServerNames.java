package dev.vigil.scraper.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Checks that a server certificate is valid for a name, as Go's {@code VerifyHostname} does for {@code server_name}:
 * against the subject alternative names only (DNS names, with a {@code *} standing for exactly one leftmost label,
 * and IP addresses); the common name is not consulted. Stateless.
 */
final class ServerNames {
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private ServerNames() {}

    static void verify(String name, X509Certificate cert) throws CertificateException {
        Collection<List<?>> sans;
        try {
            sans = cert.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw new CertificateException("cannot read the certificate's subject alternative names", e);
        }
        List<String> names = new ArrayList<>();
        byte[] ip = ipLiteral(name);
        if (sans != null) {
            for (List<?> san : sans) {
                int type = (Integer) san.get(0);
                String value = (String) san.get(1);
                names.add(value);
                if (ip != null && type == IP_ADDRESS && java.util.Arrays.equals(ip, ipLiteral(value))) {
                    return;
                }
                if (ip == null && type == DNS_NAME && dnsMatches(value, name)) {
                    return;
                }
            }
        }
        throw new CertificateException("x509: certificate is valid for " + String.join(", ", names) + ", not " + name);
    }

    private static boolean dnsMatches(String pattern, String host) {
        String p = trimDot(pattern.toLowerCase(Locale.ROOT));
        String h = trimDot(host.toLowerCase(Locale.ROOT));
        if (!p.startsWith("*.")) {
            return p.equals(h);
        }
        int dot = h.indexOf('.');
        return dot > 0 && h.substring(dot).equals(p.substring(1));
    }

    private static String trimDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** The address bytes when {@code s} is an IPv4 or IPv6 literal (no name lookup happens), else null. */
    private static byte[] ipLiteral(String s) {
        String t = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        boolean literal = t.contains(":") || t.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
        if (!literal || t.isEmpty()) {
            return null;
        }
        try {
            return InetAddress.getByName(t).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
