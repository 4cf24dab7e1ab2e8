package io.connectusm.cli.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.connectusm.cli.kafka.KafkaCommand;
import io.connectusm.cli.output.CliRun;

/**
 * {@code usm endpoint start} as a real process from the shaded jar: bootstrap a key, start over HTTPS with
 * {@code USM_ENDPOINT_*} overrides, register through it, stop it with SIGTERM, and find the data after a restart.
 */
class EndpointStartIT {

    private static final Path JAR = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize()
            .resolve("target/usm.jar");
    private static final Pattern LISTENING = Pattern.compile("USM endpoint listening on (https://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path dir;

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private Process start(Path config, String keystorePassword) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(java(), "-jar", JAR.toString(), "endpoint", "start", "--config",
                config.toString()).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().put("USM_ENDPOINT_SSL_KEYSTORE_PASSWORD", keystorePassword);
        return pb.start();
    }

    private static String awaitUrl(Process process) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> url = CompletableFuture.supplyAsync(() -> {
            try {
                StringBuilder seen = new StringBuilder();
                for (String line; (line = out.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        return m.group(1);
                    }
                    seen.append(line).append('\n');
                }
                throw new IllegalStateException("endpoint exited before listening:\n" + seen);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return url.get(60, TimeUnit.SECONDS);
    }

    @Test
    void startsOverHttpsServesTheCliAndKeepsItsDataAcrossARestart() throws Exception {
        assertThat(JAR).exists();
        assertThat(usm("certs", "ca", "--out", dir.resolve("ca").toString())).isZero();
        assertThat(usm("certs", "issue", "--server", "--ca", dir.resolve("ca").toString(), "--cn", "localhost",
                "--dns", "localhost", "--ip", "127.0.0.1", "--out", dir.resolve("tls").toString())).isZero();
        String password = Files.readString(dir.resolve("tls/jksPassword.txt")).replaceAll("(?s).*jksPassword=([^\\r\\n]+).*", "$1");
        Path config = dir.resolve("endpoint.properties");
        Files.writeString(config, "port=0\ndata.dir=" + dir.resolve("data") + "\nssl.keystore.location="
                + dir.resolve("tls/keystore.p12") + "\n");
        CliRun key = CliRun.run(new EndpointCommand(), null, "api-key", "create", "--role", "admin", "--config",
                config.toString(), "-o", "json");
        assertThat(key.exitCode()).as(key.err()).isZero();
        String apiKey = key.out().replaceAll("(?s).*\"api_key\": \"([A-Z0-9]+)\".*", "$1");
        String apiSecret = key.out().replaceAll("(?s).*\"api_secret\": \"([^\"]+)\".*", "$1");

        for (int round = 0; round < 2; round++) {
            Process endpoint = start(config, password);
            try {
                String url = awaitUrl(endpoint);
                String[] connection = {"--url", url, "--api-key", apiKey, "--api-secret", apiSecret, "--ca-cert",
                        dir.resolve("tls/ca.pem").toString(), "--usm-config", dir.resolve("none").toString()};
                if (round == 0) {
                    CliRun registered = CliRun.run(new KafkaCommand(), null, concat(new String[] {"register",
                            "--confluent-platform-kafka-cluster", "kafka-it", "--cloud", "azure", "--region", "westeurope",
                            "--environment", "env-it"}, connection));
                    assertThat(registered.exitCode()).as(registered.err()).isZero();
                }
                CliRun listed = CliRun.run(new KafkaCommand(), null, concat(new String[] {"list", "--environment",
                        "env-it"}, connection));
                assertThat(listed.exitCode()).as(listed.err()).isZero();
                assertThat(listed.out()).contains("kafka-it").contains("AZURE").contains("westeurope");
            } finally {
                endpoint.destroy(); // SIGTERM: the shutdown hook closes the endpoint and its database
                assertThat(endpoint.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    /** Runs the real root command line in-process (for the certs verbs, owned by another package). */
    private static int usm(String... args) {
        picocli.CommandLine cli = io.connectusm.cli.UsmCommandLine.create(java.util.Map.of());
        java.io.StringWriter sink = new java.io.StringWriter();
        cli.setOut(new java.io.PrintWriter(sink, true));
        cli.setErr(new java.io.PrintWriter(sink, true));
        int code = cli.execute(args);
        if (code != 0) {
            throw new AssertionError("usm " + String.join(" ", args) + " failed: " + sink);
        }
        return code;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
