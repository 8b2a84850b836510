package dev.vigil.scraper.http;

import dev.vigil.config.http.TlsConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * Turns a {@code tls_config} into the key and trust managers and protocol versions both clients use, and for the JDK
 * client into an {@link SSLContext} and {@link SSLParameters}: the CA ({@code ca}/{@code ca_file}, else the
 * system's), a client certificate ({@code cert}/{@code cert_file} with {@code key}/{@code key_file}),
 * {@code insecure_skip_verify}, {@code server_name} (the name the server certificate must carry, checked by the trust
 * manager with Go's rules; the JDK client sends it as SNI only to targets addressed by IP, as for a host name it
 * always sends that host name, while {@link VertxHttpClient} sends it always) and
 * {@code min_version}/{@code max_version}. Files are read when the client is built, that is on start and on reload.
 * Stateless.
 */
final class TlsContexts {
    private static final char[] IN_MEMORY_PASSWORD = "vigil".toCharArray();

    private TlsContexts() {}

    /** The context to use, or null when the JDK's default does what the configuration asks. */
    static SSLContext sslContext(TlsConfig tls, Function<String, Path> resolve)
            throws IOException, GeneralSecurityException {
        X509KeyManager keys = keyManager(tls, resolve);
        TrustManager trust = trustManager(tls, resolve);
        if (keys == null && trust == null) {
            return null;
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(
                keys == null ? null : new KeyManager[] {keys}, trust == null ? null : new TrustManager[] {trust}, null);
        return context;
    }

    /** Protocol versions and the SNI name, or null when neither is configured. */
    static SSLParameters parameters(TlsConfig tls) {
        List<String> protocols = protocols(tls);
        boolean sni = !tls.serverName().isEmpty() && !isIpLiteral(tls.serverName());
        if (protocols == null && !sni) {
            return null;
        }
        SSLParameters params = new SSLParameters();
        if (protocols != null) {
            params.setProtocols(protocols.toArray(String[]::new));
        }
        if (sni) {
            params.setServerNames(List.of(new SNIHostName(tls.serverName())));
        }
        return params;
    }

    /** The enabled protocol versions ({@code TLSv1.2}, ...), or null when neither bound is configured. */
    static List<String> protocols(TlsConfig tls) {
        if (tls.minVersion().isEmpty() && tls.maxVersion().isEmpty()) {
            return null;
        }
        int min = tls.minVersion().orElse(TlsConfig.TlsVersion.TLS12).ordinal();
        int max = tls.maxVersion().orElse(TlsConfig.TlsVersion.TLS13).ordinal();
        List<String> protocols = new ArrayList<>();
        for (int i = min; i <= max; i++) {
            protocols.add(TlsConfig.TlsVersion.values()[i].javaName());
        }
        return protocols;
    }

    /**
     * Whether the server certificate is checked against the address scraped, by the TLS stack; otherwise
     * {@link #trustManager} checks it against {@code server_name}, or nothing is checked
     * ({@code insecure_skip_verify}).
     */
    static boolean verifiesAddress(TlsConfig tls) {
        return !tls.insecureSkipVerify() && tls.serverName().isEmpty();
    }

    private static boolean isIpLiteral(String name) {
        return name.contains(":") || name.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    /** The client certificate's key manager, or null when none is configured. */
    static X509KeyManager keyManager(TlsConfig tls, Function<String, Path> resolve)
            throws IOException, GeneralSecurityException {
        if (tls.cert().isEmpty() && tls.certFile().isEmpty()) {
            return null;
        }
        String certPem = tls.cert().isEmpty() ? read(resolve, tls.certFile(), "cert_file") : tls.cert();
        String keyPem = tls.key().isEmpty() ? read(resolve, tls.keyFile(), "key_file") : tls.key();
        List<Certificate> chain = certificates(certPem, "cert");
        PrivateKey key;
        try {
            key = PemKeys.privateKey(keyPem);
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException(
                    (tls.key().isEmpty() ? "key_file " + tls.keyFile() : "key") + ": " + e.getMessage(), e);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", key, IN_MEMORY_PASSWORD, chain.toArray(Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, IN_MEMORY_PASSWORD);
        for (KeyManager manager : factory.getKeyManagers()) {
            if (manager instanceof X509KeyManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 key manager available");
    }

    /**
     * The trust manager for {@code insecure_skip_verify}, {@code ca}/{@code ca_file} or {@code server_name}, or null
     * when the system's trust store and host name check do what the configuration asks.
     */
    static TrustManager trustManager(TlsConfig tls, Function<String, Path> resolve)
            throws IOException, GeneralSecurityException {
        if (tls.insecureSkipVerify()) {
            return new TrustAll();
        }
        if (tls.ca().isEmpty() && tls.caFile().isEmpty() && tls.serverName().isEmpty()) {
            return null;
        }
        KeyStore store = null;
        if (!tls.ca().isEmpty() || !tls.caFile().isEmpty()) {
            String pem = tls.ca().isEmpty() ? read(resolve, tls.caFile(), "ca_file") : tls.ca();
            store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate cert : certificates(pem, tls.ca().isEmpty() ? "ca_file " + tls.caFile() : "ca")) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager tm : factory.getTrustManagers()) {
            if (tm instanceof X509TrustManager x509) {
                return tls.serverName().isEmpty() ? x509 : new ServerNameTrust(x509, tls.serverName());
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager available");
    }

    private static List<Certificate> certificates(String pem, String what) throws GeneralSecurityException {
        List<Certificate> certs;
        try (InputStream in = new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8))) {
            certs = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
        } catch (IOException | CertificateException e) {
            throw new GeneralSecurityException(what + ": cannot parse PEM certificates: " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new GeneralSecurityException(what + ": no certificate found in PEM");
        }
        return certs;
    }

    private static String read(Function<String, Path> resolve, String file, String key) throws IOException {
        try {
            return Files.readString(resolve.apply(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException(key + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Verifies the chain as usual but the host name against {@code server_name} instead of the address scraped. Being
     * an {@link X509ExtendedTrustManager} keeps the JDK from adding its own host name check against the address.
     */
    private static final class ServerNameTrust extends X509ExtendedTrustManager {
        private final X509TrustManager chain;
        private final String serverName;

        ServerNameTrust(X509TrustManager chain, String serverName) {
            this.chain = chain;
            this.serverName = serverName;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certs, String authType) throws CertificateException {
            chain.checkServerTrusted(certs, authType);
            ServerNames.verify(serverName, certs[0]);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certs, String authType, Socket socket)
                throws CertificateException {
            checkServerTrusted(certs, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certs, String authType, SSLEngine engine)
                throws CertificateException {
            checkServerTrusted(certs, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certs, String authType) throws CertificateException {
            chain.checkClientTrusted(certs, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certs, String authType, Socket socket)
                throws CertificateException {
            checkClientTrusted(certs, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certs, String authType, SSLEngine engine)
                throws CertificateException {
            checkClientTrusted(certs, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return chain.getAcceptedIssuers();
        }
    }

    /** insecure_skip_verify: accepts any certificate and host name, as the user asked. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
