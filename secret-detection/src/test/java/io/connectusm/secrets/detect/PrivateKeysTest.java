package io.connectusm.secrets.detect;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import static io.connectusm.secrets.detect.ScanAssertions.inText;
import static io.connectusm.secrets.detect.ScanAssertions.inValue;
import static org.assertj.core.api.Assertions.assertThat;

/** Real keys made by the JDK, and real certificates from its trust store that must not be taken for keys. */
class PrivateKeysTest {

    private static final List<KeyPair> KEYS = new ArrayList<>();
    private static final List<byte[]> CERTIFICATES = new ArrayList<>();

    @BeforeAll
    static void makeKeysAndReadCertificates() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KEYS.add(rsa.generateKeyPair());
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KEYS.add(ec.generateKeyPair());
        ec.initialize(new ECGenParameterSpec("secp384r1"));
        KEYS.add(ec.generateKeyPair());
        KEYS.add(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        KeyPairGenerator dsa = KeyPairGenerator.getInstance("DSA");
        dsa.initialize(2048);
        KEYS.add(dsa.generateKeyPair());
        KeyStore trust = KeyStore.getInstance(new File(System.getProperty("java.home"), "lib/security/cacerts"),
                (char[]) null);
        for (String alias : Collections.list(trust.aliases())) {
            Certificate cert = trust.getCertificate(alias);
            CERTIFICATES.add(cert.getEncoded());
        }
    }

    @Test
    void pemPrivateKeysOfEveryLabelAreFoundToTheirEndLine() {
        for (String label : List.of("PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY",
                "OPENSSH PRIVATE KEY", "DSA PRIVATE KEY", "PGP PRIVATE KEY BLOCK")) {
            String pem = pem(label, KEYS.get(0).getPrivate().getEncoded());
            assertThat(inValue("before " + pem + " after")).containsExactly("pem-private-key:" + pem.trim());
        }
    }

    @Test
    void aTruncatedPemKeyIsMaskedToTheEndOfTheText() {
        String pem = pem("PRIVATE KEY", KEYS.get(0).getPrivate().getEncoded());
        String truncated = pem.substring(0, 200);
        assertThat(inText("Invalid PEM: " + truncated)).containsExactly("pem-private-key:" + truncated);
    }

    @Test
    void jsonEscapedPemInAServiceAccountFile() {
        String pem = pem("PRIVATE KEY", KEYS.get(1).getPrivate().getEncoded()).replace("\n", "\\n");
        assertThat(inValue("{\"type\":\"service_account\",\"private_key\":\"" + pem + "\"}"))
                .singleElement().asString().startsWith("pem-private-key:-----BEGIN PRIVATE KEY-----")
                .contains("-----END PRIVATE KEY-----");
    }

    @Test
    void bareBase64DerPrivateKeysOfEveryAlgorithm() {
        for (KeyPair pair : KEYS) {
            String der = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
            assertThat(inValue(der)).as(pair.getPrivate().getAlgorithm()).containsExactly("der-private-key:" + der);
            assertThat(inText("key " + der + " end")).containsExactly("der-private-key:" + der);
        }
    }

    @Test
    void publicKeysAndCertificatesAreNoPrivateKeys() {
        for (KeyPair pair : KEYS) {
            assertThat(inValue(Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())))
                    .as(pair.getPublic().getAlgorithm()).isEmpty();
            assertThat(inValue(pem("PUBLIC KEY", pair.getPublic().getEncoded()))).isEmpty();
        }
        assertThat(CERTIFICATES).hasSizeGreaterThan(50);
        for (byte[] certificate : CERTIFICATES) {
            assertThat(inValue(Base64.getEncoder().encodeToString(certificate))).isEmpty();
            assertThat(inValue(pem("CERTIFICATE", certificate))).isEmpty();
        }
    }

    @Test
    void puttyKeyFiles() {
        assertThat(inValue("PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none")).hasSize(1);
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
