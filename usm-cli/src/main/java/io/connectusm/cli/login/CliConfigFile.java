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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The file {@code usm login} writes: named credential sets (contexts), as properties. The unnamed keys
 * ({@code url}, {@code api.key}, {@code api.secret}, {@code ca.cert}, {@code environment}) are the context
 * {@value #DEFAULT_CONTEXT}, as older versions wrote them; {@code context.<name>.<key>} are the others, and
 * {@code current.context} names the one commands use when {@code --context} does not. Written with mode 0600
 * (directory 0700) through a temporary file and an atomic move, so it is never readable by others, not even
 * briefly. Immutable: the {@code with…} methods return a changed copy.
 */
public final class CliConfigFile {

    /** The context of the unnamed keys. */
    public static final String DEFAULT_CONTEXT = "default";
    /** Where {@code usm quickstart} writes its login when run with its default {@code --data-dir}. */
    public static final Path QUICKSTART_LOGIN = Path.of(".usm-quickstart", "usm-cli.properties");

    static final String URL = "url";
    static final String API_KEY = "api.key";
    static final String API_SECRET = "api.secret";
    static final String CA_CERT = "ca.cert";
    static final String ENVIRONMENT = "environment";
    static final String CONTEXT_PREFIX = "context.";
    static final String CURRENT = "current.context";

    private final Map<String, CliLogin> contexts;
    private final String current;

    private CliConfigFile(Map<String, CliLogin> contexts, String current) {
        this.contexts = Collections.unmodifiableMap(new LinkedHashMap<>(contexts));
        this.current = current;
    }

    /** A file with only the default context. */
    public static CliConfigFile of(CliLogin login) {
        return new CliConfigFile(Map.of(DEFAULT_CONTEXT, login), null);
    }

    /** The file's content; empty (no context) when it does not exist. */
    public static CliConfigFile load(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return new CliConfigFile(Map.of(), null);
        }
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, CliLogin> contexts = new LinkedHashMap<>();
        if (p.getProperty(URL) != null || p.getProperty(API_KEY) != null) {
            contexts.put(DEFAULT_CONTEXT, read(p, ""));
        }
        Map<String, String> named = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(CONTEXT_PREFIX)) {
                String rest = key.substring(CONTEXT_PREFIX.length());
                for (String field : new String[] {URL, API_KEY, API_SECRET, CA_CERT, ENVIRONMENT}) {
                    if (rest.endsWith("." + field) && rest.length() > field.length() + 1) {
                        named.put(rest.substring(0, rest.length() - field.length() - 1), "");
                    }
                }
            }
        }
        named.keySet().forEach(name -> contexts.put(name, read(p, CONTEXT_PREFIX + name + ".")));
        String current = p.getProperty(CURRENT);
        return new CliConfigFile(contexts, current == null || current.isBlank() ? null : current);
    }

    private static CliLogin read(Properties p, String prefix) {
        return new CliLogin(p.getProperty(prefix + URL), p.getProperty(prefix + API_KEY),
                p.getProperty(prefix + API_SECRET), p.getProperty(prefix + CA_CERT), p.getProperty(prefix + ENVIRONMENT));
    }

    /** The context commands use without {@code --context}: {@code current.context}, else the default one. */
    public String currentName() {
        return current == null ? DEFAULT_CONTEXT : current;
    }

    /** The credentials of {@code name}, or of the current context when {@code name} is {@code null}. */
    public Optional<CliLogin> login(String name) {
        return Optional.ofNullable(contexts.get(name == null ? currentName() : name));
    }

    /** Every context, by name, in file order (the default one first). */
    public Map<String, CliLogin> contexts() {
        return contexts;
    }

    /** A copy in which {@code name} holds {@code login} and is the current context. */
    public CliConfigFile with(String name, CliLogin login) {
        Map<String, CliLogin> changed = new LinkedHashMap<>(contexts);
        changed.put(name, login);
        return new CliConfigFile(changed, DEFAULT_CONTEXT.equals(name) ? null : name);
    }

    /** A copy in which {@code name} (which must exist) is the current context. */
    public CliConfigFile withCurrent(String name) {
        if (!contexts.containsKey(name)) {
            throw new IllegalArgumentException("no context " + name);
        }
        return new CliConfigFile(contexts, DEFAULT_CONTEXT.equals(name) ? null : name);
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
        contexts.forEach((name, login) -> put(p, DEFAULT_CONTEXT.equals(name) ? "" : CONTEXT_PREFIX + name + ".", login));
        if (current != null) {
            p.setProperty(CURRENT, current);
        }
        try (Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(writer, "written by usm login; keep private");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void put(Properties p, String prefix, CliLogin login) {
        set(p, prefix + URL, login.url());
        set(p, prefix + API_KEY, login.apiKey());
        set(p, prefix + API_SECRET, login.apiSecret());
        set(p, prefix + CA_CERT, login.caCert());
        set(p, prefix + ENVIRONMENT, login.environment());
    }

    private static void set(Properties p, String key, String value) {
        if (value != null) {
            p.setProperty(key, value);
        }
    }

    @Override
    public String toString() {
        return "CliConfigFile[contexts=" + contexts.keySet() + ", current=" + currentName() + "]";
    }
}
