package io.connectusm.secrets.keys;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Keys whose meaning is known without loading the connector's plugins: the PASSWORD keys of the Kafka clients
 * (producer, consumer, admin, SSL, SASL) and of the Schema Registry client and Confluent components, every key
 * the Kafka client definitions declare, and the keys the Connect framework itself declares for every connector.
 *
 * <p>The Kafka client keys are read from kafka-clients' own {@code ConfigDef}s when kafka-clients is on the class
 * path (always in a worker), once, on first use; {@link #KAFKA_CLIENT_PASSWORD_KEYS} is the built-in copy used
 * besides them and without them. Schema Registry client classes are not on a worker's class path, so their secret
 * keys are written down here. All sets are lower case. Immutable after first use; thread-safe.
 */
public final class KnownKeys {

    /** The PASSWORD keys of Kafka 4.3's client definitions (a test keeps this equal to what Kafka declares). */
    public static final Set<String> KAFKA_CLIENT_PASSWORD_KEYS = Set.of(
            "sasl.jaas.config",
            "sasl.oauthbearer.assertion.private.key.passphrase",
            "sasl.oauthbearer.client.credentials.client.secret",
            "ssl.key.password",
            "ssl.keystore.certificate.chain",
            "ssl.keystore.key",
            "ssl.keystore.password",
            "ssl.truststore.certificates",
            "ssl.truststore.password");

    /**
     * Secret keys of the Schema Registry client (under {@code key.converter.}, {@code value.converter.},
     * {@code …schema.registry.} or any other prefix) and of Confluent components: PASSWORD-typed where those
     * libraries declare them.
     */
    public static final Set<String> SCHEMA_REGISTRY_AND_CONFLUENT_PASSWORD_KEYS = Set.of(
            "basic.auth.user.info",
            "schema.registry.basic.auth.user.info",
            "bearer.auth.token",
            "bearer.auth.client.secret",
            "schema.registry.ssl.key.password",
            "schema.registry.ssl.keystore.password",
            "schema.registry.ssl.truststore.password",
            "schema.registry.ssl.keystore.key",
            "confluent.license");

    /** Keys the Connect framework declares for every connector (ConnectorConfig, Source/SinkConnectorConfig, 4.3). */
    public static final Set<String> CONNECT_FRAMEWORK_KEYS = Set.of(
            "config.action.reload", "connector.class", "connector.plugin.version",
            "errors.deadletterqueue.context.headers.enable", "errors.deadletterqueue.topic.name",
            "errors.deadletterqueue.topic.replication.factor", "errors.log.enable", "errors.log.include.messages",
            "errors.retry.delay.max.ms", "errors.retry.timeout", "errors.tolerance", "exactly.once.support",
            "header.converter", "header.converter.plugin.version", "key.converter", "key.converter.plugin.version",
            "name", "offsets.storage.topic", "predicates", "tasks.max", "tasks.max.enforce", "topic.creation.groups",
            "topics", "topics.regex", "transaction.boundary", "transaction.boundary.interval.ms", "transforms",
            "value.converter", "value.converter.plugin.version");

    /** Keys Connect declares under {@code transforms.<alias>.} and {@code predicates.<alias>.}. */
    private static final Set<String> ALIAS_KEYS = Set.of("type", "predicate", "negate", "plugin.version");

    private KnownKeys() {
    }

    /** Every PASSWORD key known here: Kafka clients' (read and built-in), Schema Registry's and Confluent's. */
    public static Set<String> passwordKeys() {
        return ClientKeys.PASSWORD;
    }

    /** Every key the Kafka client definitions declare (empty without kafka-clients on the class path). */
    public static Set<String> clientKeys() {
        return ClientKeys.ALL;
    }

    /**
     * Whether Connect itself declares {@code lowerCaseKey} for a connector: a {@link #CONNECT_FRAMEWORK_KEYS} key,
     * {@code transforms.<alias>.type|predicate|negate|plugin.version}, {@code predicates.<alias>.type} or a
     * {@code topic.creation.*} setting.
     */
    public static boolean isConnectFrameworkKey(String lowerCaseKey) {
        if (CONNECT_FRAMEWORK_KEYS.contains(lowerCaseKey) || lowerCaseKey.startsWith("topic.creation.")) {
            return true;
        }
        String rest;
        if (lowerCaseKey.startsWith("transforms.")) {
            rest = lowerCaseKey.substring("transforms.".length());
        } else if (lowerCaseKey.startsWith("predicates.")) {
            rest = lowerCaseKey.substring("predicates.".length());
        } else {
            return false;
        }
        for (String aliasKey : ALIAS_KEYS) {
            if (rest.length() > aliasKey.length() + 1 && rest.endsWith("." + aliasKey)) {
                return true;
            }
        }
        return false;
    }

    /** Lazy holder: kafka-clients is read on first use only, and never by users of the value detectors alone. */
    private static final class ClientKeys {
        static final Set<String> PASSWORD;
        static final Set<String> ALL;

        static {
            Set<String> password = new HashSet<>(KAFKA_CLIENT_PASSWORD_KEYS);
            Set<String> all = new HashSet<>(KAFKA_CLIENT_PASSWORD_KEYS);
            try {
                KafkaConfigDefs.collectClientKeys(password, all);
            } catch (LinkageError kafkaClientsAbsent) {
                // not a worker (e.g. a scrubber-only user): the built-in list stands alone
            }
            password.addAll(SCHEMA_REGISTRY_AND_CONFLUENT_PASSWORD_KEYS);
            PASSWORD = lowerCase(password);
            ALL = lowerCase(all);
        }

        private static Set<String> lowerCase(Set<String> keys) {
            Set<String> lower = new HashSet<>();
            for (String key : keys) {
                lower.add(key.toLowerCase(Locale.ROOT));
            }
            return Set.copyOf(lower);
        }
    }
}
