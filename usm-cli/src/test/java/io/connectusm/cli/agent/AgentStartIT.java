package io.connectusm.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.connectusm.certs.CaSpec;
import io.connectusm.certs.CertificateAuthority;
import io.connectusm.certs.LeafFiles;
import io.connectusm.certs.LeafSpec;
import io.connectusm.certs.WriteMode;

/**
 * {@code usm agent start} as a real process from the shaded jar, configured the way an operator does it: a
 * properties file whose keystore passwords are {@code ${file:…jksPassword.txt:jksPassword}} references. It must
 * serve its control plane, and SIGTERM must stop it with exit code 0 without printing a password.
 */
class AgentStartIT {

    private static final Path JAR = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize()
            .resolve("target/usm.jar");
    private static final Pattern LISTENING = Pattern.compile("control plane port (\\d+)");

    @TempDir
    Path dir;

    @Test
    void startsFromAPropertiesFileAndStopsCleanlyOnSigterm() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(CaSpec.named("agent start IT CA"));
        LeafFiles tls = LeafFiles.write(dir.resolve("tls"),
                ca.issue(LeafSpec.server("usm-agent").dns("localhost").ip("127.0.0.1").build()), ca,
                WriteMode.FAIL_IF_EXISTS);
        String passwordRef = "${file:" + tls.passwordFile() + ":jksPassword}";
        Path registrations = Files.writeString(dir.resolve("registrations.json"),
                "{\"api_version\":\"usm/v1\",\"kind\":\"ConnectClusterList\",\"metadata\":{},\"data\":[]}");
        Path config = Files.writeString(dir.resolve("agent.properties"), String.join("\n",
                "data.listener.host=127.0.0.1",
                "data.listener.port=0",
                "control.listener.port=0",
                "ssl.keystore.location=" + tls.keystore(),
                "ssl.keystore.password=" + passwordRef,
                "ssl.truststore.location=" + tls.truststore(),
                "ssl.truststore.password=" + passwordRef,
                "spool.dir=" + dir.resolve("spool"),
                "registrations.file=" + registrations,
                ""));

        Process agent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "agent", "start", "--config", config.toString())
                .redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        try {
            int controlPort = awaitControlPort(agent, output);
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort + "/healthz"))
                            .timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);

            agent.destroy(); // SIGTERM
            assertThat(agent.waitFor(30, TimeUnit.SECONDS)).as("agent stopped within 30 s").isTrue();
            assertThat(agent.exitValue()).as(output.toString()).isZero();
        } finally {
            agent.destroyForcibly();
        }
        assertThat(output.toString()).doesNotContain(new String(tls.password()));
    }

    private static int awaitControlPort(Process process, StringBuilder output) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
                port.completeExceptionally(new IllegalStateException("agent exited before listening:\n" + output));
            } catch (Exception e) {
                port.completeExceptionally(e);
            }
        }, "agent-output");
        reader.setDaemon(true);
        reader.start();
        return port.get(60, TimeUnit.SECONDS);
    }
}
