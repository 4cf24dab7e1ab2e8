package io.connectusm.secrets;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built jar (after {@code package}) loads on a Java 11 worker and needs only the JDK: every class is class-file
 * major version 55 or lower, none names slf4j (nothing here logs), and only the two classes that read Kafka
 * {@code ConfigDef}s name Kafka at all.
 */
class MainJarBytecodeIT {

    private static final int JAVA_11 = 55;
    private static final List<String> MAY_NAME_KAFKA = List.of("io/connectusm/secrets/keys/KafkaConfigDefs.class",
            "io/connectusm/secrets/ConfigDefKeys.class");

    @Test
    void everyClassOfTheJarIsJava11BytecodeAndNeedsOnlyTheJdk() throws IOException {
        Path jar = Path.of(System.getProperty("main.jar"));
        assertThat(jar).exists();
        List<String> classes = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (!entry.getName().endsWith(".class")) {
                    continue;
                }
                classes.add(entry.getName());
                byte[] bytes;
                try (InputStream in = file.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                int major = ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff);
                assertThat(major).as(entry.getName()).isLessThanOrEqualTo(JAVA_11);
                String constants = new String(bytes, StandardCharsets.ISO_8859_1);
                assertThat(constants).as(entry.getName()).doesNotContain("org/slf4j");
                if (!MAY_NAME_KAFKA.contains(entry.getName())) {
                    assertThat(constants).as(entry.getName()).doesNotContain("org/apache/kafka");
                }
            }
        }
        assertThat(classes).contains("io/connectusm/secrets/ConfigMasker.class",
                "io/connectusm/secrets/detect/CredentialScanner.class");
        assertThat(Files.size(jar)).as("a small jar to shade").isLessThan(200_000);
    }
}
