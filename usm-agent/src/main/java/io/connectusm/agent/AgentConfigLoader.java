package io.connectusm.agent;

import io.connectusm.support.ConfigLoader;
import io.connectusm.support.ConfigReferenceException;
import io.connectusm.support.ConfigReferences;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Where the agent's configuration comes from: a properties file, overridden by environment variables
 * {@code USM_AGENT_<KEY>} (upper case, every character other than a letter or digit as {@code _}), so a container
 * needs no file; {@code ${file:PATH:KEY}} and {@code ${env:NAME}} references of non-secret keys resolved now, those
 * of secrets at use. The rule is usm-support's {@link ConfigLoader}, the same for every component.
 *
 * <p>Stateless; thread-safe. Errors are {@link ConfigException}s naming the key, never a secret value.
 */
public final class AgentConfigLoader {

    /** Prefix of the environment variables that override keys. */
    public static final String ENV_PREFIX = "USM_AGENT_";

    private static final ConfigLoader LOADER = new ConfigLoader(ENV_PREFIX, AgentConfig.CONFIG_DEF.names(),
            AgentConfig.CONFIG_DEF.configKeys().values().stream().filter(key -> key.type == ConfigDef.Type.PASSWORD)
                    .map(key -> key.name).collect(Collectors.toList()));

    private AgentConfigLoader() {
    }

    /**
     * The config from explicit values overridden by {@code USM_AGENT_*} variables of {@code environment}.
     *
     * @throws ConfigException naming the key, never a secret value
     */
    public static AgentConfig of(Map<String, String> values, Map<String, String> environment) {
        try {
            return new AgentConfig(LOADER.load(values, environment, Map.of()), new ConfigReferences(environment));
        } catch (ConfigReferenceException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** Reads a properties file, then applies {@link #of(Map, Map)} with the process environment. */
    public static AgentConfig load(Path file) {
        return load(file, System.getenv());
    }

    /** Reads a properties file, then applies {@link #of(Map, Map)}. */
    public static AgentConfig load(Path file, Map<String, String> environment) {
        Map<String, String> values;
        try {
            values = ConfigLoader.readProperties(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read the agent config file " + file + ": " + e.getMessage());
        }
        return of(values, environment);
    }

    /** The environment variable that overrides {@code key}. */
    public static String envName(String key) {
        return LOADER.envName(key);
    }
}
