package io.connectusm.endpoint;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import io.connectusm.support.ConfigReferences;

import org.apache.kafka.common.config.ConfigException;

/**
 * Builds an {@link EndpointConfig} from an optional properties file plus environment overrides: a key
 * {@code a.b.c} is overridden by {@code USM_ENDPOINT_A_B_C}. Only keys the endpoint declares are taken from
 * the environment, so unrelated variables never leak in. Stateless and thread-safe.
 */
public final class EndpointConfigLoader {

    /** Prefix of the environment variables that override file values. */
    public static final String ENV_PREFIX = "USM_ENDPOINT_";

    private EndpointConfigLoader() {
    }

    /**
     * @param file        a properties file, or {@code null} for defaults plus environment
     * @param environment usually {@code System.getenv()}
     */
    public static EndpointConfig load(Path file, Map<String, String> environment) {
        return load(file, environment, Map.of());
    }

    /**
     * Like {@link #load(Path, Map)}, then {@code overrides} (e.g. command-line flags) win over both.
     */
    public static EndpointConfig load(Path file, Map<String, String> environment, Map<String, String> overrides) {
        Map<String, Object> props = file == null ? new HashMap<>() : fileValues(file);
        for (String key : EndpointConfig.CONFIG_DEF.names()) {
            String value = environment.get(envName(key));
            if (value != null) {
                props.put(key, value);
            }
        }
        props.putAll(overrides);
        return new EndpointConfig(props, environment);
    }

    /** The values of a properties file; a database password in clear is refused. */
    private static Map<String, Object> fileValues(Path file) {
        Properties fromFile = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            fromFile.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read endpoint config file " + file + ": " + e.getMessage());
        }
        Map<String, Object> props = new HashMap<>();
        fromFile.stringPropertyNames().forEach(k -> props.put(k, fromFile.getProperty(k)));
        requireReference(fromFile.getProperty(EndpointConfig.DATABASE_PASSWORD_CONFIG), "in " + file);
        return props;
    }

    /** Refuses a database password given in clear where anyone may read it (a file, a command line). */
    private static void requireReference(String password, String where) {
        if (password != null && !password.isEmpty() && !ConfigReferences.isReference(password)) {
            throw new ConfigException(EndpointConfig.DATABASE_PASSWORD_CONFIG + " " + where + " must be a "
                    + "${file:PATH:KEY} or ${env:NAME} reference, not the password itself (or set "
                    + envName(EndpointConfig.DATABASE_PASSWORD_CONFIG) + ")");
        }
    }

    /**
     * Settings from an optional properties file with {@code values} winning over it, and no {@code USM_ENDPOINT_*}
     * overrides (e.g. two databases named side by side, which one set of variables cannot tell apart);
     * {@code environment} only resolves {@code ${env:…}} references. A password in clear in the file is refused as
     * by {@link #load(Path, Map, Map)}, and so is one in {@code values}.
     */
    public static EndpointConfig loadWithoutOverrides(Path file, Map<String, String> values,
                                                      Map<String, String> environment) {
        requireReference(values.get(EndpointConfig.DATABASE_PASSWORD_CONFIG), "given");
        Map<String, Object> props = file == null ? new HashMap<>() : fileValues(file);
        props.putAll(values);
        return new EndpointConfig(props, environment);
    }

    /** The environment variable that overrides {@code key}. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }
}
