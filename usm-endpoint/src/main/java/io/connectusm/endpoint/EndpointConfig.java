package io.connectusm.endpoint;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;

import io.connectusm.endpoint.api.InputRules;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Every setting of the endpoint, declared once in {@link #CONFIG_DEF} (Kafka style: each key has an
 * {@code X_CONFIG} name, an {@code X_DOC} and, where it has one, an {@code X_DEFAULT}).
 *
 * <p>Construction validates the values and the rules that span keys (plain HTTP only on loopback), so a
 * bad file fails at start with a {@link ConfigException} naming the key. Secrets are {@link Password}s whose
 * {@code toString()} is {@code [hidden]}. Immutable and thread-safe once built. Use
 * {@link EndpointConfigLoader} to read a properties file with {@code USM_ENDPOINT_<KEY>} overrides.
 */
public final class EndpointConfig extends AbstractConfig {

    public static final String BIND_ADDRESS_CONFIG = "bind.address";
    public static final String BIND_ADDRESS_DOC = "The address the HTTP(S) listener binds to. Plain HTTP (no keystore) "
            + "is only allowed when this is a loopback address.";
    public static final String BIND_ADDRESS_DEFAULT = "127.0.0.1";

    public static final String PORT_CONFIG = "port";
    public static final String PORT_DOC = "The listener's TCP port; 0 picks a free port (see UsmEndpoint.port()).";
    public static final int PORT_DEFAULT = 8443;

    public static final String DATA_DIR_CONFIG = "data.dir";
    public static final String DATA_DIR_DOC = "Directory of the embedded H2 database file (created if missing). "
            + "Registrations, connectors, history, sightings and API keys live there and survive restarts.";
    public static final String DATA_DIR_DEFAULT = "usm-endpoint-data";

    public static final String SSL_KEYSTORE_LOCATION_CONFIG = "ssl.keystore.location";
    public static final String SSL_KEYSTORE_LOCATION_DOC = "PKCS12 keystore with the server certificate and key "
            + "(e.g. keystore.p12 written by 'usm certs issue'). Empty means plain HTTP, allowed on loopback only.";

    public static final String SSL_KEYSTORE_PASSWORD_CONFIG = "ssl.keystore.password";
    public static final String SSL_KEYSTORE_PASSWORD_DOC = "Password of the keystore (and of its key).";

    public static final String DEFAULT_ENVIRONMENT_CONFIG = "default.environment";
    public static final String DEFAULT_ENVIRONMENT_DOC = "Environment used when a registration or sighting names none. "
            + "Lists always need an explicit 'environment' query parameter.";
    public static final String DEFAULT_ENVIRONMENT_DEFAULT = "env-default";

    public static final String REQUEST_MAX_BYTES_CONFIG = "request.max.bytes";
    public static final String REQUEST_MAX_BYTES_DOC = "Largest request body accepted; larger ones get 413.";
    public static final int REQUEST_MAX_BYTES_DEFAULT = 4 * 1024 * 1024;

    public static final String IDLE_TIMEOUT_MS_CONFIG = "idle.timeout.ms";
    public static final String IDLE_TIMEOUT_MS_DOC = "A connection with no read or write for this long is closed.";
    public static final int IDLE_TIMEOUT_MS_DEFAULT = 60_000;

    public static final String WORKER_THREADS_CONFIG = "worker.threads";
    public static final String WORKER_THREADS_DOC = "Threads that run database work and secret hashing, off the event loop.";
    public static final int WORKER_THREADS_DEFAULT = 4;

    public static final String API_KEY_HASH_ITERATIONS_CONFIG = "api.key.hash.iterations";
    public static final String API_KEY_HASH_ITERATIONS_DOC = "PBKDF2WithHmacSHA256 iterations for newly created API "
            + "secrets; each stored key remembers its own count.";
    public static final int API_KEY_HASH_ITERATIONS_DEFAULT = 310_000;

    /** Checks an environment ID; its {@code toString()} tells the accepted format. */
    static final class EnvironmentValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (!(value instanceof String env) || !InputRules.isEnvironment(env)) {
                throw new ConfigException(name, value, "expected " + this);
            }
        }

        @Override
        public String toString() {
            return "env- followed by 1 to 64 letters, digits, '_' or '-'";
        }
    }

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(BIND_ADDRESS_CONFIG, Type.STRING, BIND_ADDRESS_DEFAULT, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, BIND_ADDRESS_DOC)
            .define(PORT_CONFIG, Type.INT, PORT_DEFAULT, Range.between(0, 65535), Importance.HIGH, PORT_DOC)
            .define(DATA_DIR_CONFIG, Type.STRING, DATA_DIR_DEFAULT, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, DATA_DIR_DOC)
            .define(SSL_KEYSTORE_LOCATION_CONFIG, Type.STRING, "", Importance.HIGH, SSL_KEYSTORE_LOCATION_DOC)
            .define(SSL_KEYSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.HIGH, SSL_KEYSTORE_PASSWORD_DOC)
            .define(DEFAULT_ENVIRONMENT_CONFIG, Type.STRING, DEFAULT_ENVIRONMENT_DEFAULT, new EnvironmentValidator(),
                    Importance.MEDIUM, DEFAULT_ENVIRONMENT_DOC)
            .define(REQUEST_MAX_BYTES_CONFIG, Type.INT, REQUEST_MAX_BYTES_DEFAULT, Range.between(1024, 256 * 1024 * 1024),
                    Importance.LOW, REQUEST_MAX_BYTES_DOC)
            .define(IDLE_TIMEOUT_MS_CONFIG, Type.INT, IDLE_TIMEOUT_MS_DEFAULT, Range.atLeast(100),
                    Importance.LOW, IDLE_TIMEOUT_MS_DOC)
            .define(WORKER_THREADS_CONFIG, Type.INT, WORKER_THREADS_DEFAULT, Range.between(1, 256),
                    Importance.LOW, WORKER_THREADS_DOC)
            .define(API_KEY_HASH_ITERATIONS_CONFIG, Type.INT, API_KEY_HASH_ITERATIONS_DEFAULT,
                    Range.between(1_000, 10_000_000), Importance.LOW, API_KEY_HASH_ITERATIONS_DOC);

    public EndpointConfig(Map<String, ?> props) {
        // doLog=false: the values are printed by nobody; the start line names only address and data dir.
        super(CONFIG_DEF, props, false);
        if (!tlsEnabled() && !isLoopback(bindAddress())) {
            throw new ConfigException(BIND_ADDRESS_CONFIG, bindAddress(),
                    "plain HTTP is only allowed on a loopback address; set " + SSL_KEYSTORE_LOCATION_CONFIG);
        }
        if (tlsEnabled() && getPassword(SSL_KEYSTORE_PASSWORD_CONFIG) == null) {
            throw new ConfigException(SSL_KEYSTORE_PASSWORD_CONFIG, "[hidden]",
                    "required when " + SSL_KEYSTORE_LOCATION_CONFIG + " is set");
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new ConfigException(BIND_ADDRESS_CONFIG, host, "unknown host");
        }
    }

    public String bindAddress() {
        return getString(BIND_ADDRESS_CONFIG);
    }

    public int port() {
        return getInt(PORT_CONFIG);
    }

    public Path dataDir() {
        return Path.of(getString(DATA_DIR_CONFIG));
    }

    public boolean tlsEnabled() {
        return !getString(SSL_KEYSTORE_LOCATION_CONFIG).isBlank();
    }

    public Path keystoreLocation() {
        return Path.of(getString(SSL_KEYSTORE_LOCATION_CONFIG));
    }

    public Password keystorePassword() {
        return getPassword(SSL_KEYSTORE_PASSWORD_CONFIG);
    }

    public String defaultEnvironment() {
        return getString(DEFAULT_ENVIRONMENT_CONFIG);
    }

    public int requestMaxBytes() {
        return getInt(REQUEST_MAX_BYTES_CONFIG);
    }

    public int idleTimeoutMs() {
        return getInt(IDLE_TIMEOUT_MS_CONFIG);
    }

    public int workerThreads() {
        return getInt(WORKER_THREADS_CONFIG);
    }

    public int apiKeyHashIterations() {
        return getInt(API_KEY_HASH_ITERATIONS_CONFIG);
    }
}
