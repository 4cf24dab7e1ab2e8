package io.connectusm.benchmarks;

import io.connectusm.agent.AgentConfig;
import io.connectusm.certs.LeafFiles;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The configuration every harness starts a real agent with: its server certificate and truststore (the password
 * file referenced, not copied), free loopback ports, a static registrations file, its spool directory, no endpoint
 * (nothing is forwarded). Stateless.
 */
public final class BenchAgents {

    private BenchAgents() {
    }

    /** A mutable map, so that a harness can add its own keys. */
    public static Map<String, String> config(LeafFiles server, Path spoolDir, Path registrations, String provider) {
        Map<String, String> config = new HashMap<>();
        String password = "${file:" + server.passwordFile() + ":jksPassword}";
        config.put(AgentConfig.SSL_KEYSTORE_LOCATION_CONFIG, server.keystore().toString());
        config.put(AgentConfig.SSL_KEYSTORE_PASSWORD_CONFIG, password);
        config.put(AgentConfig.SSL_TRUSTSTORE_LOCATION_CONFIG, server.truststore().toString());
        config.put(AgentConfig.SSL_TRUSTSTORE_PASSWORD_CONFIG, password);
        config.put(AgentConfig.SSL_PROVIDER_CONFIG, provider);
        config.put(AgentConfig.DATA_HOST_CONFIG, "127.0.0.1");
        config.put(AgentConfig.DATA_PORT_CONFIG, "0");
        config.put(AgentConfig.CONTROL_PORT_CONFIG, "0");
        config.put(AgentConfig.SPOOL_DIR_CONFIG, spoolDir.toString());
        config.put(AgentConfig.REGISTRATIONS_FILE_CONFIG, registrations.toString());
        config.put(AgentConfig.SHUTDOWN_TIMEOUT_CONFIG, "5000");
        return config;
    }
}
