package io.connectusm.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The class path of a stock Connect worker of one Kafka version, as the module
 * {@code integration-tests/kafka-runtimes/kafka-<version>} resolved it from Maven Central into its {@code target/lib}:
 * connect-runtime with every runtime dependency, the logging binding of that version's distribution, and
 * connect-file and connect-mirror where Central serves them. Immutable.
 */
final class KafkaRuntime {

    private final String version;
    private final List<Path> jars;

    private KafkaRuntime(String version, List<Path> jars) {
        this.version = version;
        this.jars = jars;
    }

    /** The runtimes named by the system property {@code kafka.matrix.versions} (set by the build). */
    static List<String> matrixVersions() {
        String versions = System.getProperty("kafka.matrix.versions", "3.9.2,4.4.0");
        return Arrays.stream(versions.split(",")).map(String::trim).filter(v -> !v.isEmpty())
                .collect(Collectors.toList());
    }

    /** @throws IllegalStateException when the build did not resolve this version (its module was not built) */
    static KafkaRuntime of(String version) throws IOException {
        Path lib = Path.of(System.getProperty("kafka.runtimes.dir", "kafka-runtimes"))
                .resolve("kafka-" + version).resolve("target").resolve("lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("no Kafka " + version + " runtime at " + lib
                    + ": build integration-tests with its kafka-runtimes module (-am; -Pkafka-matrix for the middle versions)");
        }
        try (Stream<Path> files = Files.list(lib)) {
            return new KafkaRuntime(version, files.filter(f -> f.toString().endsWith(".jar")).sorted()
                    .collect(Collectors.toList()));
        }
    }

    String version() {
        return version;
    }

    String classpath() {
        return jars.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
    }

    /** Whether the runtime holds the jar of this Kafka artifact ({@code connect-mirror}, …) of its own version. */
    boolean has(String artifactId) {
        return jars.stream().anyMatch(jar -> jar.getFileName().toString().equals(artifactId + "-" + version + ".jar"));
    }

    /** Whether the runtime's jars hold this class ({@code org/apache/kafka/…/ConnectPlugin.class}). */
    boolean containsClass(String resource) throws IOException {
        for (Path jar : jars) {
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
                if (zip.getEntry(resource) != null) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The JAX-RS package the worker's REST server speaks: javax.ws.rs up to Kafka 3.9, jakarta.ws.rs from 4.0. */
    String jaxRsPackage() {
        return Integer.parseInt(version.split("\\.")[0]) >= 4 ? "jakarta.ws.rs" : "javax.ws.rs";
    }

    @Override
    public String toString() {
        return "Kafka " + version;
    }
}
