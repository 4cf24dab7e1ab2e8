package io.connectusm.endpoint.webhooks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.connectusm.endpoint.store.TransitionKind;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * One webhook's settings, the endpoint's keys {@code webhook.NAME.*} (NAME: lower-case letters, digits, '_' or '-',
 * at most 64), declared once in {@link #CONFIG_DEF}. The URL is a {@link Password}: a Slack or Mattermost incoming
 * webhook URL is itself a credential, so it is never printed, logged or stored (the outbox keeps only the name).
 * Immutable and thread-safe once built.
 */
public final class WebhookConfig extends AbstractConfig {

    /** The prefix of every webhook key. */
    public static final String PREFIX = "webhook.";

    public static final String URL_CONFIG = "url";
    public static final String URL_DOC = "Where to POST: an http(s) URL. Treated as a secret (a Slack webhook URL "
            + "is one): never logged; give it as ${file:PATH:KEY} or ${env:NAME} like other secrets.";

    public static final String EVENTS_CONFIG = "events";
    public static final String EVENTS_DOC = "The transitions sent: any of connector.failed, task.failed, "
            + "connector.recovered, connector.deleted, config.changed, cluster.stale. Empty: all.";

    public static final String FORMAT_CONFIG = "format";
    public static final String FORMAT_DOC = "cloudevents: a CloudEvents 1.0 JSON body (structured mode); slack: a "
            + "Slack/Mattermost-compatible {\"text\": …} body.";
    public static final String FORMAT_DEFAULT = "cloudevents";

    public static final String SECRET_FILE_CONFIG = "secret.file";
    public static final String SECRET_FILE_DOC = "File holding the shared secret (its first line, at least 16 bytes) "
            + "that signs each body: header X-USM-Signature-256: sha256=HEX(HMAC-SHA256(secret, TIMESTAMP + '.' + "
            + "BODY)), TIMESTAMP being header X-USM-Timestamp (Unix seconds). Empty: bodies are not signed.";

    public static final String TIMEOUT_MS_CONFIG = "timeout.ms";
    public static final String TIMEOUT_MS_DOC = "How long one attempt may take (connect and answer).";
    public static final int TIMEOUT_MS_DEFAULT = 10_000;

    private static final Pattern KEY = Pattern.compile("webhook\\.([^.]+)\\.(.+)");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    /** The body shapes. */
    public enum Format {
        CLOUDEVENTS, SLACK
    }

    /** Checks {@code events}; its {@code toString()} tells the accepted values. */
    static final class EventsValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            for (Object item : (List<?>) value) {
                try {
                    TransitionKind.ofWireName(item.toString().strip());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, "expected " + this);
                }
            }
        }

        @Override
        public String toString() {
            List<String> names = new ArrayList<>();
            for (TransitionKind kind : TransitionKind.values()) {
                names.add(kind.wireName());
            }
            return "a list of " + String.join(", ", names);
        }
    }

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(URL_CONFIG, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, URL_DOC)
            .define(EVENTS_CONFIG, Type.LIST, "", new EventsValidator(), Importance.HIGH, EVENTS_DOC)
            .define(FORMAT_CONFIG, Type.STRING, FORMAT_DEFAULT, ConfigDef.CaseInsensitiveValidString.in(
                    "cloudevents", "slack"), Importance.HIGH, FORMAT_DOC)
            .define(SECRET_FILE_CONFIG, Type.STRING, "", Importance.HIGH, SECRET_FILE_DOC)
            .define(TIMEOUT_MS_CONFIG, Type.INT, TIMEOUT_MS_DEFAULT, Range.between(100, 300_000), Importance.LOW,
                    TIMEOUT_MS_DOC);

    private final String name;

    private WebhookConfig(String name, Map<String, ?> props) {
        super(CONFIG_DEF, props, false);
        this.name = name;
        String url = url();
        if (!(url.startsWith("https://") || url.startsWith("http://"))) {
            // The value is not shown: it may be a credential.
            throw new ConfigException(PREFIX + name + "." + URL_CONFIG + " must be an http(s) URL");
        }
    }

    /**
     * Every webhook of the endpoint's settings, by name: the keys {@code webhook.NAME.*} of {@code originals}
     * (string values; {@code ${…}} references already resolved by the caller for the URL).
     *
     * @throws ConfigException naming the key, for a bad name, an unknown key, a missing URL or a bad value
     */
    public static Map<String, WebhookConfig> all(Map<String, ?> originals) {
        Map<String, Map<String, Object>> byName = new TreeMap<>();
        for (Map.Entry<String, ?> entry : originals.entrySet()) {
            Matcher m = KEY.matcher(entry.getKey());
            if (!entry.getKey().startsWith(PREFIX)) {
                continue;
            }
            if (!m.matches() || !NAME.matcher(m.group(1)).matches()) {
                throw new ConfigException(entry.getKey() + ": a webhook key is webhook.NAME.KEY, NAME being " + NAME);
            }
            if (!CONFIG_DEF.names().contains(m.group(2))) {
                throw new ConfigException(entry.getKey() + ": unknown webhook key; known: " + CONFIG_DEF.names());
            }
            byName.computeIfAbsent(m.group(1), k -> new TreeMap<>()).put(m.group(2), entry.getValue());
        }
        Map<String, WebhookConfig> out = new TreeMap<>();
        byName.forEach((name, props) -> {
            if (!props.containsKey(URL_CONFIG)) {
                throw new ConfigException(PREFIX + name + "." + URL_CONFIG + " is required for webhook " + name);
            }
            try {
                out.put(name, new WebhookConfig(name, props));
            } catch (ConfigException e) {
                throw new ConfigException("webhook " + name + ": " + e.getMessage());
            }
        });
        return out;
    }

    public String name() {
        return name;
    }

    /** The URL; a credential: never log it. */
    String url() {
        return getPassword(URL_CONFIG).value().strip();
    }

    /** The transitions it receives. */
    public Set<TransitionKind> events() {
        List<String> names = getList(EVENTS_CONFIG);
        if (names.isEmpty()) {
            return EnumSet.allOf(TransitionKind.class);
        }
        Set<TransitionKind> kinds = EnumSet.noneOf(TransitionKind.class);
        names.forEach(n -> kinds.add(TransitionKind.ofWireName(n.strip())));
        return kinds;
    }

    public Format format() {
        return Format.valueOf(getString(FORMAT_CONFIG).toUpperCase(java.util.Locale.ROOT));
    }

    /** The signing secret's file, or {@code null} for unsigned bodies. */
    Path secretFile() {
        String file = getString(SECRET_FILE_CONFIG).strip();
        return file.isEmpty() ? null : Path.of(file);
    }

    Duration timeout() {
        return Duration.ofMillis(getInt(TIMEOUT_MS_CONFIG));
    }
}
