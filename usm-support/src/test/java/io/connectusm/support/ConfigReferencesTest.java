package io.connectusm.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReferencesTest {

    private static final String SECRET = "pa55-word-never-shown";

    @TempDir
    Path dir;

    @Test
    void resolvesFileAndEnvironmentReferencesAndKeepsLiterals() throws Exception {
        Path file = dir.resolve("jksPassword.txt");
        Files.writeString(file, "jksPassword=" + SECRET + "\n");
        ConfigReferences references = new ConfigReferences(Map.of("SECRET", SECRET + "-env"));
        assertThat(references.resolve("k", "${file:" + file + ":jksPassword}")).isEqualTo(SECRET);
        assertThat(references.resolve("k", " ${env:SECRET} ")).isEqualTo(SECRET + "-env");
        assertThat(references.resolve("k", "plain ${env:SECRET} text")).isEqualTo("plain ${env:SECRET} text");
        assertThat(references.resolve("k", null)).isNull();
        assertThat(ConfigReferences.isReference("${env:X}")).isTrue();
        assertThat(ConfigReferences.isReference("${vault:x:y}")).isFalse();
    }

    @Test
    void errorsNameTheKeyAndTheReferenceButNeverAValue() throws Exception {
        Path file = dir.resolve("other.txt");
        Files.writeString(file, "present=" + SECRET + "\n");
        ConfigReferences references = new ConfigReferences(Map.of());
        assertThatThrownBy(() -> references.resolve("ssl.key.password", "${env:MISSING}"))
                .hasMessageContaining("ssl.key.password").hasMessageContaining("MISSING");
        assertThatThrownBy(() -> references.resolve("k", "${file:" + file + ":absent}"))
                .hasMessageContaining("absent").hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> references.resolve("k", "${file:" + dir.resolve("nope") + ":x}"))
                .hasMessageContaining("cannot read");
        assertThatThrownBy(() -> references.resolve("k", "${file:no-key}"))
                .hasMessageContaining("${file:PATH:KEY}");
    }

    @Test
    void aSecretIsResolvedAtEachUseAndNeverShown() throws Exception {
        Path file = dir.resolve("rotating.txt");
        Files.writeString(file, "p=" + SECRET + "\n");
        Secret secret = new Secret("ssl.keystore.password", "${file:" + file + ":p}", new ConfigReferences(Map.of()));
        assertThat(secret.reveal()).containsExactly(SECRET.toCharArray());
        Secret once = secret.resolvedNow();
        Files.writeString(file, "p=rotated\n");
        assertThat(secret.reveal()).containsExactly("rotated".toCharArray());
        assertThat(once.reveal()).as("resolved once, at start").containsExactly(SECRET.toCharArray());
        assertThat(secret.toString()).isEqualTo(once.toString()).isEqualTo("[hidden]");
        assertThat(secret.key()).isEqualTo("ssl.keystore.password");
    }
}
