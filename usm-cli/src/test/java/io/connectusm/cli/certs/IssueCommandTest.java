package io.connectusm.cli.certs;

import static io.connectusm.cli.UsmRun.usm;
import static io.connectusm.cli.UsmRun.usmWithEnvironment;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.connectusm.certs.CertificateAuthority;
import io.connectusm.certs.MutualTlsProbe;
import io.connectusm.certs.StorePasswordFile;
import io.connectusm.certs.TlsContexts;
import io.connectusm.cli.ExitCodes;
import io.connectusm.cli.UsmRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssueCommandTest {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final Pattern FILE_REFERENCE = Pattern.compile("\\$\\{file:(.+):([^:}]+)}");

    @TempDir
    Path dir;

    private Path ca;

    @BeforeEach
    void createCa() {
        ca = dir.resolve("ca");
        assertThat(usm("certs", "ca", "--out", ca.toString()).exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void agentAndWorkerCertificatesCompleteAMutualTlsHandshake() throws Exception {
        Path agent = dir.resolve("agent");
        Path worker = dir.resolve("worker");

        UsmRun agentRun = usm("certs", "issue", "--ca", ca.toString(), "--out", agent.toString(), "--cn", "usm-agent",
                "--dns", "localhost", "--ip", "127.0.0.1", "--server");
        UsmRun workerRun = usm("certs", "issue", "--ca", ca.toString(), "--out", worker.toString(),
                "--cn", "worker-7", "--connect-cluster", "connect-group-xyz123", "--client");

        assertThat(agentRun.exitCode()).as(agentRun.toString()).isEqualTo(ExitCodes.OK);
        assertThat(workerRun.exitCode()).as(workerRun.toString()).isEqualTo(ExitCodes.OK);
        MutualTlsProbe.Outcome outcome = MutualTlsProbe.handshake(TlsContexts.sslContext(agent),
                TlsContexts.sslContext(worker));
        assertThat(outcome.succeeded()).as(outcome.toString()).isTrue();
        assertThat(outcome.serverSawClient().orElseThrow().getSubjectX500Principal().getName())
                .isEqualTo("CN=worker-7");
        // the one URI form the agent counts as the Connect cluster's identity
        assertThat(outcome.serverSawClient().orElseThrow().getSubjectAlternativeNames())
                .contains(java.util.List.of(6, "urn:connect-usm:connect:connect-group-xyz123"));
    }

    @Test
    void printedWorkerPropertiesOpenTheStoresAndNeverContainThePassword() throws Exception {
        Path worker = dir.resolve("worker");

        UsmRun run = usm("certs", "issue", "--ca", ca.toString(), "--out", worker.toString(),
                "--cn", "connect-group-xyz123", "--client");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        String password = new String(StorePasswordFile.read(worker.resolve("jksPassword.txt")));
        assertThat(run.out() + run.err()).doesNotContain(password);
        Properties printed = new Properties();
        printed.load(new StringReader(run.out()));
        String prefix = "confluent.connect.metadata.events.";
        assertThat(printed.getProperty(prefix + "ssl.keystore.location")).isEqualTo(worker.resolve("keystore.p12")
                .toString());
        assertThat(printed.getProperty(prefix + "ssl.keystore.password"))
                .isEqualTo("${file:" + worker.resolve("jksPassword.txt") + ":jksPassword}");
        assertThat(printed.getProperty("config.providers.file.class"))
                .isEqualTo("org.apache.kafka.common.config.provider.FileConfigProvider");
        // Resolve the references as the worker's FileConfigProvider would, and open the stores with them.
        char[] keystorePassword = resolve(printed.getProperty(prefix + "ssl.keystore.password"));
        char[] truststorePassword = resolve(printed.getProperty(prefix + "ssl.truststore.password"));
        assertThat(TlsContexts.keyManagers(Path.of(printed.getProperty(prefix + "ssl.keystore.location")),
                keystorePassword)).isNotEmpty();
        assertThat(TlsContexts.trustManagers(Path.of(printed.getProperty(prefix + "ssl.truststore.location")),
                truststorePassword)).isNotEmpty();
        assertThat(run.out()).doesNotContain("usm-agent properties");
    }

    @Test
    void serverCertificatePrintsAgentPropertiesAndItsNames() {
        Path agent = dir.resolve("agent");

        UsmRun run = usm("certs", "issue", "--ca", ca.toString(), "--out", agent.toString(), "--cn", "usm-agent",
                "--dns", "localhost", "--ip", "127.0.0.1", "--server");

        assertThat(run.out()).contains("Issued server certificate \"usm-agent\"", "Names: DNS:localhost, IP:127.0.0.1",
                "usm-agent properties", "ssl.keystore.location=" + agent.resolve("keystore.p12"))
                .doesNotContain("confluent.connect.metadata.events.");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void serverAndClientTogetherGiveBothUsages() throws Exception {
        Path both = dir.resolve("both");

        UsmRun run = usm("certs", "issue", "--ca", ca.toString(), "--out", both.toString(), "--cn", "peer",
                "--ip", "127.0.0.1", "--server", "--client");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        assertThat(leafOf(both).getExtendedKeyUsage()).containsExactlyInAnyOrder(SERVER_AUTH, CLIENT_AUTH);
        assertThat(run.out()).contains("Issued server and client certificate", "usm-agent properties",
                "confluent.connect.metadata.events.ssl.keystore.location=");
    }

    @Test
    void clientAloneHasOnlyTheClientUsageAndTheRequestedLifetime() throws Exception {
        Path worker = dir.resolve("worker");

        usm("certs", "issue", "--ca", ca.toString(), "--out", worker.toString(), "--cn", "w", "--client",
                "--days", "30", "--key-type", "rsa");

        X509Certificate leaf = leafOf(worker);
        assertThat(leaf.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(leaf.getPublicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(Duration.between(Instant.now(), leaf.getNotAfter().toInstant()).toDays())
                .isBetween(29L, 30L);
    }

    @Test
    void ipThatIsNotAnAddressIsRejectedNamingTheOption() {
        Path out = dir.resolve("agent");

        UsmRun run = usm("certs", "issue", "--ca", ca.toString(), "--out", out.toString(), "--cn", "usm-agent",
                "--ip", "999.1.1.1", "--server");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("Error: Invalid value for option '--ip'")
                .contains("'999.1.1.1' is not an IP address");
        assertThat(out).doesNotExist();
    }

    @Test
    void dnsNameThatIsNotOneIsRejectedNamingTheOption() {
        UsmRun run = usm("certs", "issue", "--ca", ca.toString(), "--out", dir.resolve("a").toString(),
                "--cn", "usm-agent", "--dns", "usm_agent.example.com", "--server");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("Error: Invalid value for option '--dns'")
                .contains("'usm_agent.example.com' is not a DNS name");
    }

    @Test
    void missingCaDirectoryNamesTheFileItNeeds() {
        Path nowhere = dir.resolve("nope");

        UsmRun run = usm("certs", "issue", "--ca", nowhere.toString(), "--out", dir.resolve("a").toString(),
                "--cn", "w", "--client");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).startsWith("Error: --ca " + nowhere + ": " + nowhere.resolve("ca.pem")
                + " does not exist").doesNotContain("\tat ");
        assertThat(dir.resolve("a")).doesNotExist();
    }

    @Test
    void caDirectoryWithoutItsKeyNamesTheKeyFile() throws Exception {
        Files.delete(ca.resolve("ca-key.pem"));

        UsmRun run = usm("certs", "issue", "--ca", ca.toString(), "--out", dir.resolve("a").toString(),
                "--cn", "w", "--client");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).contains(ca.resolve("ca-key.pem") + " does not exist");
    }

    @Test
    void neitherServerNorClientAsksForOne() {
        UsmRun run = usm("certs", "issue", "--ca", ca.toString(), "--out", dir.resolve("a").toString(), "--cn", "x");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("Error: say what the certificate is for: --server (the usm-agent), --client"
                + " (a Connect worker), or both");
        assertThat(dir.resolve("a")).doesNotExist();
    }

    @Test
    void outputIntoTheCaDirectoryIsRefused() {
        UsmRun run = usm("certs", "issue", "--ca", ca.toString(), "--out", ca.resolve(".").toString(), "--cn", "x",
                "--client", "--force");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("is the CA directory");
        assertThat(CertificateAuthority.load(ca)).isNotNull();
    }

    @Test
    void existingOutputIsKeptUnlessForced() throws Exception {
        Path worker = dir.resolve("worker");
        usm("certs", "issue", "--ca", ca.toString(), "--out", worker.toString(), "--cn", "w", "--client");
        X509Certificate first = leafOf(worker);

        UsmRun refused = usm("certs", "issue", "--ca", ca.toString(), "--out", worker.toString(), "--cn", "w",
                "--client");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(refused.err()).contains(worker + " already exists and is not empty").contains("--force");
        assertThat(leafOf(worker)).isEqualTo(first);

        UsmRun forced = usm("certs", "issue", "--ca", ca.toString(), "--out", worker.toString(), "--cn", "w",
                "--client", "--force");
        assertThat(forced.exitCode()).as(forced.toString()).isEqualTo(ExitCodes.OK);
        assertThat(leafOf(worker)).isNotEqualTo(first);
    }

    @Test
    void serverCertificateWithoutNamesWarns() {
        UsmRun run = usm("certs", "issue", "--ca", ca.toString(), "--out", dir.resolve("a").toString(),
                "--cn", "usm-agent", "--server");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).startsWith("Warning: a server certificate without --dns or --ip");
    }

    @Test
    void overlongCommonNameIsAUsageErrorNamingTheOption() {
        UsmRun run = usm("certs", "issue", "--ca", ca.toString(), "--out", dir.resolve("a").toString(),
                "--cn", "x".repeat(65), "--client");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("Error: Invalid value for option '--cn'").contains("longer than 64");
    }

    @Test
    void stackTraceOnlyWhenAskedFor() {
        List<String> failing = List.of("certs", "issue", "--ca", dir.resolve("nope").toString(), "--out",
                dir.resolve("a").toString(), "--cn", "w", "--client");
        List<String> verbose = new ArrayList<>(failing);
        verbose.add("--verbose");

        assertThat(usm(failing.toArray(String[]::new)).err()).doesNotContain("\tat ");
        assertThat(usmWithEnvironment(Map.of("USM_DEBUG", "1"), failing.toArray(String[]::new)).err())
                .contains("CertificateFileException").contains("\tat ");
        assertThat(usm(verbose.toArray(String[]::new)).err()).contains("\tat ");
    }

    private static X509Certificate leafOf(Path directory) throws Exception {
        try (InputStream in = Files.newInputStream(directory.resolve("cert.pem"))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static char[] resolve(String reference) throws Exception {
        Matcher matcher = FILE_REFERENCE.matcher(reference);
        assertThat(matcher.matches()).as("a ${file:path:key} reference: " + reference).isTrue();
        Properties file = new Properties();
        try (var reader = Files.newBufferedReader(Path.of(matcher.group(1)))) {
            file.load(reader);
        }
        return file.getProperty(matcher.group(2)).toCharArray();
    }
}
