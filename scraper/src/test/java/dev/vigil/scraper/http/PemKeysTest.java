package dev.vigil.scraper.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Keys made once with openssl (test-only keys): each legacy form must read as the same key as its PKCS#8 form. */
class PemKeysTest {
    private static String resource(String name) throws IOException {
        try (InputStream in = PemKeysTest.class.getResourceAsStream("/tls/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource({"rsa-pkcs1.key, rsa-pkcs8.key, RSA", "ec-sec1.key, ec-pkcs8.key, EC"})
    void legacyFormsReadAsTheirPkcs8Equivalent(String legacy, String pkcs8, String algorithm) throws Exception {
        PrivateKey fromLegacy = PemKeys.privateKey(resource(legacy));
        PrivateKey fromPkcs8 = PemKeys.privateKey(resource(pkcs8));
        assertThat(fromLegacy.getAlgorithm()).isEqualTo(algorithm);
        assertThat(secret(fromLegacy)).isEqualTo(secret(fromPkcs8));
    }

    /** The key's secret number (encodings may differ in optional fields such as the embedded public key). */
    private static BigInteger secret(PrivateKey key) {
        return key instanceof ECPrivateKey ec ? ec.getS() : ((RSAPrivateKey) key).getPrivateExponent();
    }

    @Test
    void encryptedAndMissingKeysAreRefusedWithAReason() throws Exception {
        String encrypted = resource("ec-encrypted.key");
        assertThatThrownBy(() -> PemKeys.privateKey(encrypted))
                .isInstanceOf(GeneralSecurityException.class)
                .hasMessage("encrypted private keys are not supported");
        assertThatThrownBy(() -> PemKeys.privateKey("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))
                .hasMessageStartingWith("no PRIVATE KEY");
        assertThatThrownBy(() -> PemKeys.privateKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"))
                .hasMessageStartingWith("unsupported or malformed private key");
    }
}
