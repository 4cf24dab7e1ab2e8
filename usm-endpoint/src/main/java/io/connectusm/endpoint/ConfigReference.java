package io.connectusm.endpoint;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.config.ConfigData;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.provider.FileConfigProvider;

/**
 * A secret given by reference rather than in clear, as the agent accepts them: {@code ${file:PATH:KEY}} (the value
 * of {@code KEY} in the properties file {@code PATH}, read by Kafka's own {@link FileConfigProvider}; the
 * {@code jksPassword.txt} files of {@code usm certs} have that shape) or {@code ${env:NAME}} (an environment
 * variable). Resolved when the endpoint starts, so a rotated file is read at the next start. Errors name the key and
 * the reference, never a value. Stateless.
 */
final class ConfigReference {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(file|env):(.+)}");

    private ConfigReference() {
    }

    /** Whether {@code raw} is one reference (else it is a literal). */
    static boolean isReference(String raw) {
        return raw != null && REFERENCE.matcher(raw.trim()).matches();
    }

    /** What {@code raw} stands for: a literal as is, a reference read now. */
    static String resolve(String key, String raw, Map<String, String> environment) {
        if (raw == null) {
            return null;
        }
        Matcher m = REFERENCE.matcher(raw.trim());
        if (!m.matches()) {
            return raw;
        }
        String target = m.group(2);
        if (m.group(1).equals("env")) {
            String value = environment.get(target);
            if (value == null) {
                throw new ConfigException(key + ": environment variable " + target + " (from ${env:" + target
                        + "}) is not set");
            }
            return value;
        }
        int colon = target.lastIndexOf(':');
        if (colon <= 0 || colon == target.length() - 1) {
            throw new ConfigException(key + ": a file reference looks like ${file:PATH:KEY}");
        }
        String path = target.substring(0, colon);
        String property = target.substring(colon + 1);
        try (FileConfigProvider files = new FileConfigProvider()) {
            files.configure(Map.of());
            ConfigData data = files.get(path, Set.of(property));
            String value = data.data().get(property);
            if (value == null) {
                throw new ConfigException(key + ": " + path + " has no key '" + property + "'");
            }
            return value;
        }
    }
}
