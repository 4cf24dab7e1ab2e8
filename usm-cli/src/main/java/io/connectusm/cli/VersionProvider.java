package io.connectusm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/**
 * Supplies {@code usm --version} from {@code usm-version.properties}, which Maven fills in with the project version
 * at build time (so the version is right in tests and in the jar alike).
 *
 * <p>Stateless and thread-safe.
 */
final class VersionProvider implements IVersionProvider {
    static final String RESOURCE = "/usm-version.properties";

    @Override
    public String[] getVersion() throws IOException {
        return new String[] {
            "usm " + version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }

    static String version() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        }
        String version = properties.getProperty("version");
        if (version == null || version.startsWith("${")) {
            String fromManifest = VersionProvider.class.getPackage().getImplementationVersion();
            return fromManifest != null ? fromManifest : "unknown";
        }
        return version;
    }
}
