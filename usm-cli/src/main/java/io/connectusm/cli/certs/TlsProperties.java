package io.connectusm.cli.certs;

import java.nio.file.Path;
import java.util.List;

import io.connectusm.certs.StorePasswordFile;

/**
 * The properties lines that point a component at a directory of certificate files: the five {@code ssl.*} keys,
 * with every password given as a {@code ${file:...}} reference to {@code jksPassword.txt}, so no password is ever
 * written into (or printed as part of) a properties file. Stateless.
 */
final class TlsProperties {
    /** The Connect worker's keys, as Confluent documents them for USM metadata events. */
    static final String WORKER_PREFIX = "confluent.connect.metadata.events.";
    /** The usm-agent's keys are the plain Kafka-style names. */
    static final String AGENT_PREFIX = "";

    private TlsProperties() {
    }

    /** The {@code ssl.*} lines for {@code prefix}, for the given key store (or none) and trust store. */
    static List<String> lines(String prefix, Path keystore, Path truststore, Path passwordFile) {
        String password = "${file:" + passwordFile + ":" + StorePasswordFile.KEY + "}";
        return List.of(
                prefix + "ssl.keystore.location=" + keystore,
                prefix + "ssl.keystore.password=" + password,
                prefix + "ssl.key.password=" + password,
                prefix + "ssl.truststore.location=" + truststore,
                prefix + "ssl.truststore.password=" + password);
    }

    /** What a Kafka process needs once so that {@code ${file:...}} references resolve. */
    static List<String> fileConfigProvider() {
        return List.of(
                "# resolves the ${file:...} references; if config.providers is already set, add 'file' to its list",
                "config.providers=file",
                "config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider");
    }
}
