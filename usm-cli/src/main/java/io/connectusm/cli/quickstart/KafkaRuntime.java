package io.connectusm.cli.quickstart;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.connectusm.cli.output.UsmCliException;

/**
 * The Kafka runtime that {@code mvn package} copied next to {@code usm.jar} ({@code usm-cli/target/kafka-runtime/}):
 * {@code lib/*.jar}, the classpath of the broker and Connect worker JVMs, and {@code worker-extension.zip}, the plugin
 * as operators download it. Nothing is fetched at run time, so the quickstart works offline. Immutable.
 */
record KafkaRuntime(Path directory) {

    static final String DIRECTORY_NAME = "kafka-runtime";
    static final String PLUGIN_ZIP = "worker-extension.zip";

    /** The runtime next to the jar (or classes directory) this class was loaded from. */
    static KafkaRuntime besideThisJar() {
        try {
            Path location = Path.of(KafkaRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // usm-cli/target/usm.jar and usm-cli/target/classes both sit in usm-cli/target
            return new KafkaRuntime(location.getParent().resolve(DIRECTORY_NAME));
        } catch (URISyntaxException | RuntimeException e) {
            throw new UsmCliException("cannot tell where usm.jar is; pass --runtime-dir usm-cli/target/kafka-runtime");
        }
    }

    Path lib() {
        return directory.resolve("lib");
    }

    Path pluginZip() {
        return directory.resolve(PLUGIN_ZIP);
    }

    /** The JVM classpath: every jar of {@code lib/}, through the JVM's own wildcard so the command line stays short. */
    String classpath() {
        return lib() + File.separator + "*";
    }

    /** @throws UsmCliException naming what is missing and how to build it */
    KafkaRuntime verified() {
        String build = "build it with 'mvn -B -DskipTests package' in the connect-usm checkout";
        if (!hasJar("kafka_2.13-") || !hasJar("connect-runtime-") || !hasJar("log4j-core-")) {
            throw new UsmCliException("the Kafka runtime of the quickstart is missing or incomplete in " + lib()
                    + ": " + build);
        }
        if (!Files.isRegularFile(pluginZip())) {
            throw new UsmCliException("the worker-extension plugin is missing (" + pluginZip() + "): " + build);
        }
        return this;
    }

    private boolean hasJar(String prefix) {
        if (!Files.isDirectory(lib())) {
            return false;
        }
        try (Stream<Path> jars = Files.list(lib())) {
            return jars.anyMatch(p -> p.getFileName().toString().startsWith(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
