package io.connectusm.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private static CertificateAuthority ca;

    @TempDir
    Path dir;

    @BeforeAll
    static void createCa() {
        ca = CertificateAuthority.create(CaSpec.named("connect-usm CA"));
    }

    @Test
    void defaultCaIsSelfSignedEcP256ThatMayOnlyIssueLeafCertificates() throws Exception {
        X509Certificate cert = ca.certificate();

        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=connect-usm CA");
        assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
        cert.verify(cert.getPublicKey());
        assertThat(cert.getPublicKey()).isInstanceOfSatisfying(ECPublicKey.class,
                key -> assertThat(key.getParams().getCurve().getField().getFieldSize()).isEqualTo(256));
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(cert.getBasicConstraints()).isZero();
        assertThat(cert.getCriticalExtensionOIDs()).contains(Extension.basicConstraints.getId(),
                Extension.keyUsage.getId());
        assertThat(keyUsages(cert)).containsExactly("keyCertSign", "cRLSign");
        assertThat(cert.getExtensionValue(Extension.subjectKeyIdentifier.getId())).isNotNull();
        assertThat(Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()).toDays())
                .isBetween(3650L, 3651L);
    }

    @Test
    void rsaCaUsesRsa3072WithSha256AndTheRequestedValidity() {
        CertificateAuthority rsaCa = CertificateAuthority.create(CaSpec.named("x").withKeyType(KeyType.RSA_3072)
                .withValidity(Duration.ofDays(365)));

        X509Certificate cert = rsaCa.certificate();
        assertThat(cert.getPublicKey()).isInstanceOfSatisfying(RSAPublicKey.class,
                key -> assertThat(key.getModulus().bitLength()).isEqualTo(3072));
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(cert.getNotAfter().toInstant()).isCloseTo(Instant.now().plus(Duration.ofDays(365)),
                within(1, ChronoUnit.HOURS));
        IssuedCertificate leaf = rsaCa.issue(LeafSpec.server("rsa-signed").build());
        assertThat(leaf.certificate().getSigAlgName()).isEqualTo("SHA256withRSA");
    }

    @Test
    void serverCertificateHasServerUsageItsNamesAndKeyIdentifiersOfItsCa() throws Exception {
        IssuedCertificate server = ca.issue(LeafSpec.server("usm-agent").dns("localhost").ip("127.0.0.1").build());
        X509Certificate cert = server.certificate();

        cert.verify(ca.certificate().getPublicKey());
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=usm-agent");
        assertThat(cert.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(cert.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(keyUsages(cert)).containsExactly("digitalSignature");
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(cert.getSubjectAlternativeNames()).containsExactlyInAnyOrder(List.of(2, "localhost"),
                List.of(7, "127.0.0.1"));
        assertThat(authorityKeyId(cert)).isEqualTo(subjectKeyId(ca.certificate()));
        assertThat(subjectKeyId(cert)).isNotEqualTo(subjectKeyId(ca.certificate()));
        assertThat(server.chain()).containsExactly(cert, ca.certificate());
        assertThat(server.privateKey().getAlgorithm()).isEqualTo("EC");
        assertThat(cert.getNotAfter().toInstant()).isCloseTo(Instant.now().plus(Duration.ofDays(365)),
                within(1, ChronoUnit.HOURS));
    }

    @Test
    void clientCertificateHasClientUsageAndItsUri() throws Exception {
        IssuedCertificate client = ca.issue(LeafSpec.client("connect-group-xyz123")
                .uri("urn:connect-usm:connect:connect-group-xyz123").build());

        assertThat(client.certificate().getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(client.certificate().getSubjectAlternativeNames())
                .containsExactly(List.of(6, "urn:connect-usm:connect:connect-group-xyz123"));
        assertThat(client.commonName()).isEqualTo("connect-group-xyz123");
    }

    @Test
    void serverAndClientCertificateHasBothUsages() throws Exception {
        IssuedCertificate both = ca.issue(LeafSpec.serverAndClient("peer").build());

        assertThat(both.certificate().getExtendedKeyUsage()).containsExactlyInAnyOrder(SERVER_AUTH, CLIENT_AUTH);
    }

    @Test
    void rsaLeafMayAlsoEncipherKeys() {
        IssuedCertificate rsa = ca.issue(LeafSpec.server("rsa-leaf").keyType(KeyType.RSA_3072).build());

        assertThat(keyUsages(rsa.certificate())).containsExactly("digitalSignature", "keyEncipherment");
        // The signature follows the issuer's key, not the leaf's.
        assertThat(rsa.certificate().getSigAlgName()).isEqualTo("SHA256withECDSA");
    }

    @Test
    void explicitValidityWindowIsHonouredEvenInThePast() {
        Instant from = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
        Instant to = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);

        IssuedCertificate expired = ca.issue(LeafSpec.client("old").validity(from, to).build());

        assertThat(expired.certificate().getNotBefore().toInstant()).isEqualTo(from);
        assertThat(expired.certificate().getNotAfter().toInstant()).isEqualTo(to);
    }

    @Test
    void daysSetsTheLifetimeAndAllowsForClockSkew() {
        IssuedCertificate cert = ca.issue(LeafSpec.client("short").days(7).build());

        Instant notBefore = cert.certificate().getNotBefore().toInstant();
        assertThat(notBefore).isBefore(Instant.now().minus(Duration.ofMinutes(4)));
        assertThat(cert.certificate().getNotAfter().toInstant()).isCloseTo(Instant.now().plus(Duration.ofDays(7)),
                within(1, ChronoUnit.MINUTES));
    }

    @Test
    void serialNumbersArePositiveRandomAndFitIn127Bits() {
        BigInteger first = ca.issue(LeafSpec.client("a").build()).certificate().getSerialNumber();
        BigInteger second = ca.issue(LeafSpec.client("a").build()).certificate().getSerialNumber();

        assertThat(first.signum()).isPositive();
        assertThat(first.bitLength()).isLessThanOrEqualTo(127);
        assertThat(first).isNotEqualTo(second);
        assertThat(ca.certificate().getSerialNumber().signum()).isPositive();
    }

    @Test
    void toStringNeverShowsThePrivateKey() {
        IssuedCertificate issued = ca.issue(LeafSpec.client("quiet").build());

        String encodedKey = Base64.getEncoder().encodeToString(issued.privateKey().getEncoded());
        assertThat(issued.toString()).contains("CN=quiet").doesNotContain(encodedKey)
                .doesNotContain(issued.privateKey().toString());
        assertThat(ca.toString()).contains("CN=connect-usm CA");
    }

    @Test
    void savedCaLoadsAndIssuesCertificatesThatVerifyAgainstTheOriginal() throws Exception {
        CaFiles files = ca.writeTo(dir.resolve("ca"), WriteMode.FAIL_IF_EXISTS);

        CertificateAuthority loaded = CertificateAuthority.load(files.directory());
        IssuedCertificate issued = loaded.issue(LeafSpec.server("from-loaded-ca").build());

        assertThat(loaded.certificate()).isEqualTo(ca.certificate());
        issued.certificate().verify(ca.certificate().getPublicKey());
        assertThat(authorityKeyId(issued.certificate())).isEqualTo(subjectKeyId(ca.certificate()));
    }

    @Test
    void loadNamesTheMissingKeyFile() {
        CaFiles files = ca.writeTo(dir.resolve("ca"), WriteMode.FAIL_IF_EXISTS);
        delete(files.privateKey());

        assertThatThrownBy(() -> CertificateAuthority.load(files.directory()))
                .isInstanceOf(CertificateFileException.class)
                .hasMessageContaining(files.privateKey().toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void loadOfMissingDirectoryNamesTheCertificateFileItNeeds() {
        Path nowhere = dir.resolve("nope");

        assertThatThrownBy(() -> CertificateAuthority.load(nowhere))
                .isInstanceOf(CertificateFileException.class)
                .hasMessageContaining(nowhere.resolve("ca.pem").toString())
                .hasMessageContaining(nowhere + " does not exist either");
    }

    @Test
    void loadRejectsAKeyThatBelongsToAnotherCa() throws Exception {
        CaFiles ours = ca.writeTo(dir.resolve("ours"), WriteMode.FAIL_IF_EXISTS);
        CaFiles theirs = CertificateAuthority.create(CaSpec.named("other")).writeTo(dir.resolve("theirs"),
                WriteMode.FAIL_IF_EXISTS);
        Files.copy(theirs.privateKey(), ours.privateKey(), StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> CertificateAuthority.load(ours.directory()))
                .isInstanceOf(CertificateFileException.class)
                .hasMessageContaining(ours.privateKey() + " is not the private key of the certificate in "
                        + ours.certificate());
    }

    @Test
    void loadRejectsAFileThatIsNotPemAndNamesIt() throws Exception {
        CaFiles files = ca.writeTo(dir.resolve("ca"), WriteMode.FAIL_IF_EXISTS);
        Files.writeString(files.certificate(), "not a certificate\n");

        assertThatThrownBy(() -> CertificateAuthority.load(files.directory()))
                .isInstanceOf(CertificateFileException.class)
                .hasMessageContaining(files.certificate() + " holds no PEM certificate");
    }

    @Test
    void loadRejectsALeafCertificateAsCa() throws Exception {
        IssuedCertificate leaf = ca.issue(LeafSpec.server("leaf").build());
        LeafFiles leafFiles = LeafFiles.write(dir.resolve("leaf"), leaf, ca, WriteMode.FAIL_IF_EXISTS);
        Path fakeCa = Files.createDirectories(dir.resolve("fake-ca"));
        Files.copy(leafFiles.certificatePem(), fakeCa.resolve("ca.pem"));
        Files.copy(leafFiles.privateKeyPem(), fakeCa.resolve("ca-key.pem"));

        assertThatThrownBy(() -> CertificateAuthority.load(fakeCa))
                .isInstanceOf(CertificateFileException.class)
                .hasMessageContaining(fakeCa.resolve("ca.pem") + " is not a CA certificate");
    }

    static List<String> keyUsages(X509Certificate cert) {
        String[] names = {"digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment",
            "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};
        boolean[] bits = cert.getKeyUsage();
        List<String> set = new ArrayList<>();
        for (int i = 0; i < bits.length; i++) {
            if (bits[i]) {
                set.add(names[i]);
            }
        }
        return set;
    }

    private static byte[] subjectKeyId(X509Certificate cert) {
        return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(
                cert.getExtensionValue(Extension.subjectKeyIdentifier.getId())).getOctets()).getKeyIdentifier();
    }

    private static byte[] authorityKeyId(X509Certificate cert) {
        return AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(
                cert.getExtensionValue(Extension.authorityKeyIdentifier.getId())).getOctets()).getKeyIdentifierOctets();
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
