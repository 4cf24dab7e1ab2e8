package io.connectusm.certs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PEM and PKCS12 files work with OpenSSL, the other TLS stack in every deployment (and what people debug with):
 * the chains verify, an OpenSSL server and client complete mutual TLS with them, and the PKCS12 protection is
 * SHA-256 based.
 */
class OpensslInteropIT {
    @TempDir
    static Path dir;

    private static LeafFiles agent;
    private static LeafFiles worker;
    private static LeafFiles intruder;

    @BeforeAll
    static void writeFiles() {
        Assumptions.assumeTrue(Openssl.available(),
                "openssl is not installed (looked in /usr/bin and on PATH): skipping the OpenSSL interop checks");
        CertificateAuthority ca = CertificateAuthority.create(CaSpec.named("connect-usm CA"));
        agent = LeafFiles.write(dir.resolve("agent"),
                ca.issue(LeafSpec.server("usm-agent").dns("localhost").ip("127.0.0.1").build()), ca,
                WriteMode.FAIL_IF_EXISTS);
        worker = LeafFiles.write(dir.resolve("worker"), ca.issue(LeafSpec.client("connect-group-xyz123").build()),
                ca, WriteMode.FAIL_IF_EXISTS);
        CertificateAuthority otherCa = CertificateAuthority.create(CaSpec.named("someone else's CA"));
        intruder = LeafFiles.write(dir.resolve("intruder"),
                otherCa.issue(LeafSpec.client("connect-group-xyz123").build()), otherCa, WriteMode.FAIL_IF_EXISTS);
    }

    @Test
    void opensslVerifiesTheChainsAndTheirPurposes() throws Exception {
        Openssl.Result server = Openssl.run("", "verify", "-CAfile", agent.caPem().toString(),
                "-purpose", "sslserver", agent.certificatePem().toString());
        Openssl.Result client = Openssl.run("", "verify", "-CAfile", worker.caPem().toString(),
                "-purpose", "sslclient", worker.certificatePem().toString());

        assertThat(server.exitCode()).as(server.output()).isZero();
        assertThat(server.output()).contains(agent.certificatePem() + ": OK");
        assertThat(client.exitCode()).as(client.output()).isZero();
    }

    @Test
    void opensslRefusesAClientCertificateForServerUse() throws Exception {
        Openssl.Result result = Openssl.run("", "verify", "-CAfile", worker.caPem().toString(),
                "-purpose", "sslserver", worker.certificatePem().toString());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("unsuitable certificate purpose");
    }

    @Test
    void opensslRefusesACertificateOfAnotherCa() throws Exception {
        Openssl.Result result = Openssl.run("", "verify", "-CAfile", agent.caPem().toString(),
                intruder.certificatePem().toString());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("unable to get local issuer certificate");
    }

    @Test
    void opensslServerAndClientCompleteMutualTlsWithThePemFiles() throws Exception {
        try (Openssl server = startServer()) {
            Openssl.Result client = connect(server.awaitAcceptPort(), worker, worker.caPem());
            Openssl.Result served = server.awaitExit();

            assertThat(client.exitCode()).as(client.output()).isZero();
            assertThat(client.output()).contains("Verification: OK", "Protocol version: TLSv1.3",
                    "Peer certificate: CN = usm-agent");
            assertThat(served.output()).as(served.output()).contains("subject=CN = connect-group-xyz123",
                    "issuer=CN = connect-usm CA").doesNotContain("error");
        }
    }

    @Test
    void opensslServerRejectsAClientOfAnotherCa() throws Exception {
        try (Openssl server = startServer()) {
            // The intruder trusts the agent's CA, so only the server's check of the client certificate can stop it.
            connect(server.awaitAcceptPort(), intruder, agent.caPem());
            Openssl.Result served = server.awaitExit();

            assertThat(served.output()).contains("unable to get local issuer certificate",
                    "0 server accepts that finished");
        }
    }

    @Test
    void pkcs12StoresUsePbes2WithAes256AndASha256Mac() throws Exception {
        Openssl.Result result = Openssl.run(new String(agent.password()) + "\n", "pkcs12", "-in",
                agent.keystore().toString(), "-info", "-noout", "-passin", "stdin");

        assertThat(result.exitCode()).as("openssl pkcs12 exit code").isZero();
        assertThat(result.output()).contains("MAC: sha256").contains("PBES2, PBKDF2, AES-256-CBC")
                .doesNotContain(new String(agent.password()));
    }

    private static Openssl startServer() throws Exception {
        Openssl server = Openssl.start("s_server", "-accept", "127.0.0.1:0", "-naccept", "1",
                "-cert", agent.certificatePem().toString(), "-key", agent.privateKeyPem().toString(),
                "-CAfile", agent.caPem().toString(), "-Verify", "1", "-verify_return_error");
        // No -brief here: it also silences the ACCEPT line that tells the port. Standard input stays open, because
        // s_server shuts down at end of input.
        return server;
    }

    private static Openssl.Result connect(int port, LeafFiles client, Path trustedCa) throws Exception {
        return Openssl.run("Q\n", "s_client", "-connect", "127.0.0.1:" + port, "-brief",
                "-cert", client.certificatePem().toString(), "-key", client.privateKeyPem().toString(),
                "-CAfile", trustedCa.toString(), "-verify_return_error", "-verify_ip", "127.0.0.1");
    }
}
