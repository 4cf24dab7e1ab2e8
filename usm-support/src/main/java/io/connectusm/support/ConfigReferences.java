package io.connectusm.support;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the indirections a config value may use instead of a literal: {@code ${file:PATH:KEY}} (the value of
 * {@code KEY} in the properties file {@code PATH}, as Kafka's {@code FileConfigProvider} reads it; the
 * {@code jksPassword.txt} files of certs-tooling have that shape) and {@code ${env:NAME}} (an environment
 * variable of the injected environment). A value that is not exactly one reference is a literal.
 *
 * <p>Each {@link #resolve} reads the file again, so a rotated password file is picked up by the next call.
 * Errors name the key and the reference, never the value. Stateless apart from the injected environment;
 * thread-safe.
 */
public final class ConfigReferences {

    private static final Pattern REFERENCE = Pattern.compile("^\\$\\{(file|env):(.+)}$");

    private final Map<String, String> environment;

    /** @param environment the variables {@code ${env:…}} reads (usually {@code System.getenv()}) */
    public ConfigReferences(Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    /** Whether {@code raw} is a reference (else it is a literal). */
    public static boolean isReference(String raw) {
        return raw != null && REFERENCE.matcher(raw.trim()).matches();
    }

    /**
     * The value {@code raw} stands for: itself when it is a literal (or {@code null}), else what the reference
     * points to, read now.
     *
     * @param key the config key, for error messages
     * @throws ConfigReferenceException when the reference cannot be resolved
     */
    public String resolve(String key, String raw) {
        if (raw == null) {
            return null;
        }
        Matcher matcher = REFERENCE.matcher(raw.trim());
        if (!matcher.matches()) {
            return raw;
        }
        String body = matcher.group(2);
        if (matcher.group(1).equals("env")) {
            String value = environment.get(body);
            if (value == null) {
                throw new ConfigReferenceException(key, "environment variable " + body + " referenced by ${env:"
                        + body + "} is not set");
            }
            return value;
        }
        int colon = body.lastIndexOf(':');
        if (colon <= 0 || colon == body.length() - 1) {
            throw new ConfigReferenceException(key, "a file reference must look like ${file:PATH:KEY}");
        }
        Path path = Path.of(body.substring(0, colon));
        String property = body.substring(colon + 1);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigReferenceException(key, "cannot read " + path + " (" + e.getClass().getSimpleName() + ")");
        }
        String value = properties.getProperty(property);
        if (value == null) {
            throw new ConfigReferenceException(key, path + " has no key '" + property + "'");
        }
        return value;
    }
}
