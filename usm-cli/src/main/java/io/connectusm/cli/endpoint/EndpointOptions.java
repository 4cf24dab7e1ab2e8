package io.connectusm.cli.endpoint;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;

import io.connectusm.cli.output.UsmCliException;
import io.connectusm.endpoint.EndpointConfig;
import io.connectusm.endpoint.EndpointConfigLoader;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE} and {@code --data-dir DIR}: the endpoint's settings (file, then {@code USM_ENDPOINT_*}
 * variables, then the flag). A picocli mixin; one instance per run.
 */
final class EndpointOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "Endpoint properties file (see docs/usm-endpoint.md).")
    Path configFile;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (overrides data.dir).")
    Path dataDir;

    /** The settings to serve with. */
    EndpointConfig config(Map<String, String> environment) {
        return config(environment, Map.of());
    }

    /**
     * The settings to open the database with, without serving: the listener keys are neutralised, so
     * {@code api-key} commands need neither the keystore password nor a TLS-capable bind address.
     */
    EndpointConfig storageConfig(Map<String, String> environment) {
        return config(environment, Map.of(EndpointConfig.SSL_KEYSTORE_LOCATION_CONFIG, "",
                EndpointConfig.BIND_ADDRESS_CONFIG, "127.0.0.1"));
    }

    private EndpointConfig config(Map<String, String> environment, Map<String, String> extra) {
        Map<String, String> overrides = new HashMap<>(extra);
        if (dataDir != null) {
            overrides.put(EndpointConfig.DATA_DIR_CONFIG, dataDir.toString());
        }
        try {
            return EndpointConfigLoader.load(configFile, environment, overrides);
        } catch (ConfigException e) {
            throw new UsmCliException("bad endpoint configuration: " + e.getMessage());
        }
    }
}
