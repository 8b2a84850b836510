package dev.vigil.scraper.http;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the private key of a {@code tls_config} {@code key}/{@code key_file} in the PEM forms Go's TLS stack accepts:
 * PKCS#8 ({@code PRIVATE KEY}: RSA, EC, Ed25519), PKCS#1 ({@code RSA PRIVATE KEY}) and SEC1 ({@code EC PRIVATE KEY},
 * with its curve). Other blocks, such as OpenSSL's {@code EC PARAMETERS}, are skipped; encrypted keys are refused, as
 * Prometheus refuses them. The JDK only reads PKCS#8, so the other two are wrapped into PKCS#8 here. Stateless.
 */
final class PemKeys {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----", Pattern.DOTALL);
    private static final byte[] RSA_ALGORITHM = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01
    };

    private PemKeys() {}

    /** @throws GeneralSecurityException naming what is wrong with the PEM text */
    static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            String type = m.group(1);
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(2).strip());
            } catch (IllegalArgumentException e) {
                throw new GeneralSecurityException("bad base64 in PEM block " + type);
            }
            switch (type) {
                case "PRIVATE KEY":
                    return pkcs8(der);
                case "RSA PRIVATE KEY":
                    return pkcs8(sequence(integerZero(), RSA_ALGORITHM, octetString(der)));
                case "EC PRIVATE KEY":
                    byte[] algorithm = sequence(EC_PUBLIC_KEY_OID, curveOf(der));
                    return pkcs8(sequence(integerZero(), algorithm, octetString(der)));
                case "ENCRYPTED PRIVATE KEY":
                    throw new GeneralSecurityException("encrypted private keys are not supported");
                default:
                    // EC PARAMETERS, CERTIFICATE and the like: not the key.
            }
        }
        throw new GeneralSecurityException("no PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block found");
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException("unsupported or malformed private key (not RSA, EC or Ed25519)");
    }

    /**
     * The curve OID element of a SEC1 {@code ECPrivateKey}: {@code SEQUENCE { version, privateKey OCTET STRING,
     * [0] parameters OID, [1] publicKey }}.
     */
    private static byte[] curveOf(byte[] sec1) throws GeneralSecurityException {
        Der outer = new Der(sec1, 0);
        if (outer.tag != 0x30) {
            throw new GeneralSecurityException("malformed EC PRIVATE KEY");
        }
        for (int at = outer.contentStart; at < outer.end; ) {
            Der element = new Der(sec1, at);
            if (element.tag == (byte) 0xa0) {
                Der oid = new Der(sec1, element.contentStart);
                if (oid.tag == 0x06) {
                    return java.util.Arrays.copyOfRange(sec1, element.contentStart, oid.end);
                }
            }
            at = element.end;
        }
        throw new GeneralSecurityException("EC PRIVATE KEY names no curve");
    }

    /** One DER element's tag and extent within a buffer. */
    private static final class Der {
        final byte tag;
        final int contentStart;
        final int end;

        Der(byte[] b, int at) throws GeneralSecurityException {
            if (at + 2 > b.length) {
                throw new GeneralSecurityException("truncated DER in private key");
            }
            tag = b[at];
            int first = b[at + 1] & 0xff;
            int length;
            int start;
            if (first < 0x80) {
                length = first;
                start = at + 2;
            } else {
                int n = first & 0x7f;
                if (n == 0 || n > 3 || at + 2 + n > b.length) {
                    throw new GeneralSecurityException("bad DER length in private key");
                }
                length = 0;
                for (int i = 0; i < n; i++) {
                    length = (length << 8) | (b[at + 2 + i] & 0xff);
                }
                start = at + 2 + n;
            }
            if (start + length > b.length) {
                throw new GeneralSecurityException("truncated DER in private key");
            }
            contentStart = start;
            end = start + length;
        }
    }

    private static byte[] integerZero() {
        return new byte[] {0x02, 0x01, 0x00};
    }

    private static byte[] octetString(byte[] content) {
        return tagged(0x04, content);
    }

    private static byte[] sequence(byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        return tagged(0x30, content.toByteArray());
    }

    private static byte[] tagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
