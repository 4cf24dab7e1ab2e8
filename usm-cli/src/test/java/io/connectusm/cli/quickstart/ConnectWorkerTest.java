package io.connectusm.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.connectusm.cli.output.UsmCliException;

class ConnectWorkerTest {

    @TempDir
    Path dir;

    @Test
    void installsThePluginZipAsUnzipWouldAndReplacesAnEarlierInstall() throws IOException {
        Path zip = zip("plugin.zip", "connect-usm-worker-extension/manifest.json",
                "connect-usm-worker-extension/lib/worker-extension-plugin.jar");
        Path pluginPath = dir.resolve("plugins");
        Files.createDirectories(pluginPath.resolve("old-version"));

        ConnectWorker.installPlugin(zip, pluginPath);

        assertThat(pluginPath.resolve("connect-usm-worker-extension/lib/worker-extension-plugin.jar")).exists();
        assertThat(pluginPath.resolve("connect-usm-worker-extension/manifest.json")).exists();
        assertThat(pluginPath.resolve("old-version")).doesNotExist();
    }

    @Test
    void refusesAnEntryThatWouldLandOutsidePluginPath() throws IOException {
        Path zip = zip("evil.zip", "../../outside.jar");

        assertThatThrownBy(() -> ConnectWorker.installPlugin(zip, dir.resolve("plugins")))
                .isInstanceOf(UsmCliException.class).hasMessageContaining("outside its directory");
        assertThat(dir.getParent().resolve("outside.jar")).doesNotExist();
    }

    private Path zip(String name, String... entries) throws IOException {
        Path zip = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (String entry : entries) {
                out.putNextEntry(new ZipEntry(entry));
                out.write(entry.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }
}
