package io.connectusm.extension;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The connector config a {@code connector-<name>} record of the worker's config topic carries. Connect writes it with
 * its internal converter (a {@code JsonConverter} with {@code schemas.enable=false}, fixed since Kafka 3.0) as
 * {@code {"properties": {"key": "value", …}}}, and its herder serves exactly that map as the connector's raw config
 * ({@code ConnectClusterState.connectorConfig}): reading it here gives the same config without a request to the
 * herder's tick thread.
 *
 * <p>Streaming parse (no tree). The value holds secrets: it is never logged, and a value that is not in that shape
 * (another field type, a non-string value) is {@link #UNDECODABLE} — the caller then reads that connector's config
 * through the herder — without saying what it held. Stateless; thread-safe.
 */
final class ConnectorConfigRecord {

    /** Returned for a value this class cannot read as a connector config; compare by identity. */
    static final Map<String, String> UNDECODABLE = Map.of("", "");

    private static final JsonFactory JSON = new JsonFactory();
    private static final String PROPERTIES = "properties";

    private ConnectorConfigRecord() {
    }

    /** The config in {@code value}, {@code null} for a tombstone (deleted), or {@link #UNDECODABLE}. */
    static Map<String, String> decode(byte[] value) {
        if (value == null) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return UNDECODABLE;
            }
            Map<String, String> config = null;
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken fieldValue = parser.nextToken();
                if (PROPERTIES.equals(field)) {
                    if (fieldValue != JsonToken.START_OBJECT) {
                        return UNDECODABLE;
                    }
                    config = properties(parser);
                    if (config == null) {
                        return UNDECODABLE;
                    }
                } else {
                    parser.skipChildren();
                }
            }
            if (config == null || parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return UNDECODABLE; // as the worker's converter refuses it, so does its herder
            }
            return config;
        } catch (IOException | RuntimeException e) {
            return UNDECODABLE; // not said why: the message could quote the value
        }
    }

    private static Map<String, String> properties(JsonParser parser) throws IOException {
        Map<String, String> config = new HashMap<>();
        for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            String key = parser.currentName();
            if (parser.nextToken() != JsonToken.VALUE_STRING) {
                return null;
            }
            config.put(key, parser.getText());
        }
        return config;
    }
}
