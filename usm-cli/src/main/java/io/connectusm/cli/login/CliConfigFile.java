package io.connectusm.cli.login;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * The file {@code usm login} writes: endpoint URL, API key and secret, CA certificate and default environment,
 * as properties. Written with mode 0600 (directory 0700) through a temporary file and an atomic move, so it is
 * never readable by others, not even briefly. The {@code toString()} hides the secret. Immutable.
 *
 * @param url         the endpoint's base URL
 * @param apiKey      the API key
 * @param apiSecret   the API secret
 * @param caCert      a PEM file with the CA to trust, or {@code null}
 * @param environment the default environment, or {@code null}
 */
public record CliConfigFile(String url, String apiKey, String apiSecret, String caCert, String environment) {

    static final String URL = "url";
    static final String API_KEY = "api.key";
    static final String API_SECRET = "api.secret";
    static final String CA_CERT = "ca.cert";
    static final String ENVIRONMENT = "environment";

    /** The file's content, or empty when it does not exist. */
    public static Optional<CliConfigFile> load(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return Optional.of(new CliConfigFile(p.getProperty(URL), p.getProperty(API_KEY), p.getProperty(API_SECRET),
                p.getProperty(CA_CERT), p.getProperty(ENVIRONMENT)));
    }

    /** Writes (replacing) the file with owner-only permissions. */
    public void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        }
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            if (posix) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(tmp);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot create " + tmp, e);
        }
        Properties p = new Properties();
        put(p, URL, url);
        put(p, API_KEY, apiKey);
        put(p, API_SECRET, apiSecret);
        put(p, CA_CERT, caCert);
        put(p, ENVIRONMENT, environment);
        try (Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(writer, "written by usm login; keep private");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void put(Properties p, String key, String value) {
        if (value != null) {
            p.setProperty(key, value);
        }
    }

    @Override
    public String toString() {
        return "CliConfigFile[url=" + url + ", apiKey=" + apiKey + ", apiSecret=[hidden], caCert=" + caCert
                + ", environment=" + environment + "]";
    }
}
