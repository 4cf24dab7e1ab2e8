package io.connectusm.extension;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plugin ZIP as built: every class in it, ours and the shaded Jackson and CloudEvents, is Java 11 bytecode or
 * older (class file major version 55), since Confluent Platform 7.9 workers may run on Java 11; no multi-release
 * variant for a newer Java is left in (Jackson ships some; the shade filter drops them); and nothing the worker
 * provides is bundled (a bundled JAX-RS API kills the worker; Kafka and slf4j must be the worker's own).
 */
class PluginZipBytecodeIT {

    static final int JAVA_11_MAJOR = 55;

    @Test
    void everyClassInThePluginZipIsJava11BytecodeAndNothingTheWorkerProvidesIsBundled() throws IOException {
        List<String> tooNew = new ArrayList<>();
        List<String> forbidden = new ArrayList<>();
        int classes = 0;
        int jars = 0;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(Path.of(System.getProperty("plugin.zip"))))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (!entry.getName().endsWith(".jar")) {
                    continue;
                }
                jars++;
                byte[] jarBytes = zip.readAllBytes();
                try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(jarBytes))) {
                    Manifest manifest = jar.getManifest();
                    assertThat(manifest == null ? null : manifest.getMainAttributes().get(new Attributes.Name("Multi-Release")))
                            .as("Multi-Release in " + entry.getName()).isNull();
                    for (ZipEntry inner = jar.getNextEntry(); inner != null; inner = jar.getNextEntry()) {
                        String name = inner.getName();
                        if (name.startsWith("META-INF/versions/") || name.endsWith("module-info.class")) {
                            forbidden.add(entry.getName() + "!" + name);
                        }
                        if (!name.endsWith(".class")) {
                            continue;
                        }
                        classes++;
                        int major = majorVersion(jar);
                        if (major > JAVA_11_MAJOR) {
                            tooNew.add(entry.getName() + "!" + name + " (major " + major + ")");
                        }
                        if (!name.startsWith("io/connectusm/")) {
                            forbidden.add(entry.getName() + "!" + name);
                        }
                    }
                }
            }
        }
        assertThat(jars).isEqualTo(1);
        assertThat(classes).as("classes read").isGreaterThan(1_000); // ours plus the relocated Jackson and CloudEvents
        assertThat(tooNew).as("classes newer than Java 11").isEmpty();
        assertThat(forbidden).as("entries outside io/connectusm (unrelocated or provided by the worker)").isEmpty();
    }

    private static int majorVersion(InputStream classFile) throws IOException {
        byte[] header = classFile.readNBytes(8);
        assertThat(header).hasSize(8);
        assertThat(((header[0] & 0xff) << 24) | ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8) | (header[3] & 0xff))
                .as("class file magic").isEqualTo(0xCAFEBABE);
        return ((header[6] & 0xff) << 8) | (header[7] & 0xff);
    }
}
