package io.connectusm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.connectusm.certs.MutualTlsProbe;
import io.connectusm.certs.Openssl;
import io.connectusm.certs.TlsContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/usm} and the shaded {@code usm.jar} as a user runs them: real processes, real files, every process
 * bounded by a deadline.
 */
class BinUsmIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Path MODULE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final Path SCRIPT = MODULE.resolveSibling("bin").resolve("usm");

    @TempDir
    Path dir;

    private final List<Path> links = new ArrayList<>();

    @AfterEach
    void removeLinks() throws IOException {
        // Removed here so JUnit's clean-up does not warn about links that point out of the temporary directory.
        for (Path link : links) {
            Files.deleteIfExists(link);
        }
    }

    /** The outcome of one process. */
    record Result(int exitCode, String out, String err) {
    }

    @Test
    void theDocumentedCommandsWorkAsWrittenAndTheirFilesCompleteMutualTls() throws Exception {
        Path x = dir.resolve("x");
        String usm = SCRIPT.toString();
        String commands = usm + " certs ca --out " + x + "/ca && "
                + usm + " certs issue --ca " + x + "/ca --out " + x + "/agent --cn usm-agent --dns localhost"
                + " --ip 127.0.0.1 --server && "
                + usm + " certs issue --ca " + x + "/ca --out " + x + "/worker --cn connect-group-xyz123 --client";

        Result result = run(Map.of(), "bash", "-c", commands);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        MutualTlsProbe.Outcome java = MutualTlsProbe.handshake(TlsContexts.sslContext(x.resolve("agent")),
                TlsContexts.sslContext(x.resolve("worker")));
        assertThat(java.succeeded()).as(java.toString()).isTrue();
        if (Openssl.available()) {
            try (Openssl server = Openssl.start("s_server", "-accept", "127.0.0.1:0", "-naccept", "1",
                    "-cert", x + "/agent/cert.pem", "-key", x + "/agent/key.pem", "-CAfile", x + "/agent/ca.pem",
                    "-Verify", "1", "-verify_return_error")) {
                Openssl.Result client = Openssl.run("Q\n", "s_client", "-connect",
                        "127.0.0.1:" + server.awaitAcceptPort(), "-brief", "-cert", x + "/worker/cert.pem",
                        "-key", x + "/worker/key.pem", "-CAfile", x + "/worker/ca.pem", "-verify_return_error",
                        "-verify_ip", "127.0.0.1");
                Openssl.Result served = server.awaitExit();
                assertThat(client.exitCode()).as(client.output()).isZero();
                assertThat(client.output()).contains("Verification: OK");
                assertThat(served.output()).contains("subject=CN = connect-group-xyz123");
            }
        }
    }

    @Test
    void worksThroughASymlinkFromAnotherDirectory() throws Exception {
        Path link = link(dir.resolve("usm"), SCRIPT);

        Result result = run(Map.of(), link.toString(), "--version");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).startsWith("usm ");
    }

    @Test
    void exitCodesAndErrorsPassThrough() throws Exception {
        Result error = run(Map.of(), SCRIPT.toString(), "certs", "issue", "--ca", dir.resolve("nope").toString(),
                "--out", dir.resolve("out").toString(), "--cn", "w", "--client");
        Result usage = run(Map.of(), SCRIPT.toString(), "--no-such-option");

        assertThat(error.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(error.err()).startsWith("Error: --ca " + dir.resolve("nope"));
        assertThat(usage.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(usage.err()).startsWith("Error: Unknown option: '--no-such-option'");
    }

    @Test
    void javaOptionsComeFromUsmJavaOpts() throws Exception {
        Result valid = run(Map.of("USM_JAVA_OPTS", "-Xmx128m -Dusm.test=1"), SCRIPT.toString(), "--version");
        Result invalid = run(Map.of("USM_JAVA_OPTS", "-XX:+NoSuchJvmOption"), SCRIPT.toString(), "--version");

        assertThat(valid.exitCode()).as(valid.toString()).isZero();
        assertThat(invalid.exitCode()).isNotZero();
        assertThat(invalid.err()).contains("NoSuchJvmOption");
    }

    @Test
    void missingJarSaysHowToBuildIt() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("checkout").resolve("bin")).resolve("usm");
        Files.copy(SCRIPT, copy);

        Result result = run(Map.of(), copy.toString(), "--help");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().lines().findFirst()).contains(
                "usm: usm-cli/target/usm.jar not found — build it first: mvn -B -DskipTests package");
    }

    @Test
    void badJavaHomeIsNamed() throws Exception {
        Result result = run(Map.of("JAVA_HOME", dir.resolve("no-jdk").toString()), SCRIPT.toString(), "--version");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("JAVA_HOME is set to '" + dir.resolve("no-jdk") + "'");
    }

    @Test
    void missingJavaIsNamed() throws Exception {
        // A PATH with the tools the script needs, and no java.
        Path tools = Files.createDirectories(dir.resolve("tools"));
        for (String tool : List.of("bash", "dirname", "readlink")) {
            link(tools.resolve(tool), which(tool));
        }

        Result result = run(Map.of("PATH", tools.toString()), tools.resolve("bash").toString(), SCRIPT.toString(),
                "--version");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("usm: java not found: install Java 17 or newer, or set JAVA_HOME");
    }

    private Result run(Map<String, String> environment, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("JAVA_HOME");
        builder.environment().remove("USM_JAVA_OPTS");
        builder.environment().remove("USM_DEBUG");
        builder.environment().putAll(environment);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process process = builder.start();
        try {
            process.getOutputStream().close();
            if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError(String.join(" ", command) + " did not finish within " + DEADLINE);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
            process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private Path link(Path link, Path target) throws IOException {
        links.add(Files.createSymbolicLink(link, target));
        return link;
    }

    private static Path which(String tool) throws IOException {
        List<String> candidates = new ArrayList<>();
        for (String entry : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            candidates.add(entry);
            Path candidate = Path.of(entry, tool);
            if (!entry.isEmpty() && Files.isExecutable(candidate)) {
                return candidate.toRealPath();
            }
        }
        Assumptions.abort(tool + " is not on PATH " + candidates + ": cannot build a PATH without java");
        throw new IllegalStateException("unreachable");
    }
}
