package dev.vigil.scraper.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway CA with a server and a client certificate, made with the JDK's keytool in a temporary directory: PEM
 * files for the scraper's configuration and an {@link SSLContext} for the test server.
 */
final class TestPki {
    private static final String PASS = "changeit";
    final Path dir;
    final Path caPem;
    final Path clientCertPem;
    final Path clientKeyPem;
    final Path serverCertPem;
    final Path serverKeyPem;

    /** @param serverSan the server certificate's subject alternative names in keytool's form, e.g. {@code dns:a.test} */
    TestPki(Path dir, String serverSan) throws Exception {
        this.dir = dir;
        keytool(
                "-genkeypair",
                "-alias",
                "ca",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=Vigil Test CA",
                "-ext",
                "bc:c",
                "-validity",
                "2",
                "-keystore",
                "ca.p12");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem");
        caPem = dir.resolve("ca.pem");
        serverCertPem = issue("server", serverSan);
        clientCertPem = issue("client", null);
        serverKeyPem = dir.resolve("server-key.pem");
        Files.writeString(serverKeyPem, pem("PRIVATE KEY", key("server").getEncoded()));
        clientKeyPem = dir.resolve("client-key.pem");
        Files.writeString(clientKeyPem, pem("PRIVATE KEY", key("client").getEncoded()));
    }

    private Path issue(String name, String san) throws Exception {
        keytool(
                "-genkeypair",
                "-alias",
                name,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=" + name,
                "-validity",
                "2",
                "-keystore",
                name + ".p12");
        keytool("-certreq", "-alias", name, "-keystore", name + ".p12", "-file", name + ".csr");
        List<String> gencert = new ArrayList<>(List.of(
                "-gencert",
                "-rfc",
                "-alias",
                "ca",
                "-keystore",
                "ca.p12",
                "-infile",
                name + ".csr",
                "-outfile",
                name + ".pem",
                "-validity",
                "2"));
        if (san != null) {
            gencert.addAll(List.of("-ext", "san=" + san));
        }
        keytool(gencert.toArray(String[]::new));
        return dir.resolve(name + ".pem");
    }

    private PrivateKey key(String name) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(dir.resolve(name + ".p12"))) {
            store.load(in, PASS.toCharArray());
        }
        return (PrivateKey) store.getKey(name, PASS.toCharArray());
    }

    /** The test server's side: its certificate chain, and client certificates accepted when the CA signed them. */
    SSLContext serverContext() throws Exception {
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        Certificate server;
        Certificate ca;
        try (var in = Files.newInputStream(serverCertPem)) {
            server = x509.generateCertificate(in);
        }
        try (var in = Files.newInputStream(caPem)) {
            ca = x509.generateCertificate(in);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", key("server"), PASS.toCharArray(), new Certificate[] {server, ca});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASS.toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", PASS, "-storetype", "PKCS12", "-noprompt"));
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
