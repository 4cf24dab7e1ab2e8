package io.connectusm.cli.quickstart;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import io.connectusm.cli.output.UsmCliException;

/**
 * The quickstart's Kafka Connect worker: {@code ConnectDistributed worker.properties} in a child JVM, exactly as
 * {@code connect-distributed.sh} runs it, with the worker-extension plugin unzipped into its {@code plugin.path}
 * (the plugin ZIP as operators download it) and the metadata events block of the USM documentation. Ready when its
 * REST API lists connectors. Closing stops the JVM (its shutdown hook stops the worker cleanly).
 */
final class ConnectWorker implements AutoCloseable {

    private static final List<String> HEAP = List.of("-Xms128m", "-Xmx768m");

    private final ChildJvm jvm;
    private final ConnectRestClient rest;

    private ConnectWorker(ChildJvm jvm, ConnectRestClient rest) {
        this.jvm = jvm;
        this.rest = rest;
    }

    static ConnectWorker start(QuickstartLayout layout, KafkaRuntime runtime, JavaCommand java, QuickstartPorts ports,
                               Duration timeout, Components components) throws IOException, InterruptedException {
        installPlugin(runtime.pluginZip(), layout.pluginPath());
        Files.writeString(layout.workerConfig(), QuickstartConfigs.workerProperties(layout, ports));
        ChildJvm jvm = components.add(ChildJvm.start("connect", java, runtime.classpath(), HEAP,
                "org.apache.kafka.connect.cli.ConnectDistributed", List.of(layout.workerConfig().toString()), layout));
        ConnectRestClient rest = new ConnectRestClient("http://127.0.0.1:" + ports.connect());
        Await.until("the Connect worker's REST API on port " + ports.connect(), timeout, jvm,
                () -> rest.isReady() ? Optional.of(true) : Optional.empty());
        return new ConnectWorker(jvm, rest);
    }

    /** Unzips the plugin as {@code unzip -d plugin.path} would, replacing an earlier install (a rebuilt plugin). */
    static void installPlugin(Path zip, Path pluginPath) throws IOException {
        QuickstartLayout.deleteRecursively(pluginPath);
        Files.createDirectories(pluginPath);
        int files = 0;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = pluginPath.resolve(entry.getName()).normalize();
                if (!target.startsWith(pluginPath)) {
                    throw new UsmCliException("the plugin ZIP " + zip + " has an entry outside its directory: "
                            + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    copy(in, target);
                    files++;
                }
            }
        }
        if (files == 0) {
            throw new UsmCliException("the plugin ZIP " + zip + " is empty: rebuild it with "
                    + "'mvn -B -DskipTests package'");
        }
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }

    ConnectRestClient rest() {
        return rest;
    }

    Path logFile() {
        return jvm.logFile();
    }

    ChildJvm jvm() {
        return jvm;
    }

    @Override
    public void close() {
        jvm.close();
    }
}
