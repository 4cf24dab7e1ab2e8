package io.connectusm.extension;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.KafkaConfigBackingStore;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A config record's value as the worker itself writes it — its internal {@link JsonConverter} with
 * {@code schemas.enable=false} and {@code KafkaConfigBackingStore.CONNECTOR_CONFIGURATION_V0} — reads back as exactly
 * the config the herder serves; anything else is UNDECODABLE, never an exception.
 */
class ConnectorConfigRecordTest {

    private static final JsonConverter WORKER_CONVERTER = new JsonConverter();

    static {
        WORKER_CONVERTER.configure(Map.of("schemas.enable", "false"), false);
    }

    private static byte[] asTheWorkerWritesIt(Map<String, String> config) {
        Struct value = new Struct(KafkaConfigBackingStore.CONNECTOR_CONFIGURATION_V0).put("properties", config);
        return WORKER_CONVERTER.fromConnectData("connect-configs", KafkaConfigBackingStore.CONNECTOR_CONFIGURATION_V0,
                value);
    }

    /** Any code point but lone surrogates: quotes, backslashes, control characters, emoji, RTL marks. */
    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int length = random.nextInt(40); text.length() < length; ) {
            int codePoint = random.nextInt(4) == 0 ? random.nextInt(0x80) : random.nextInt(0x10FFFF);
            if (Character.getType(codePoint) != Character.SURROGATE) {
                text.appendCodePoint(codePoint);
            }
        }
        return text.toString();
    }

    @Test
    void readsTheConfigTheWorkerWrote() {
        Random random = new Random(18);
        for (int i = 0; i < 500; i++) {
            Map<String, String> config = new HashMap<>();
            for (int keys = random.nextInt(30); config.size() < keys; ) {
                config.put(text(random), text(random));
            }
            assertThat(ConnectorConfigRecord.decode(asTheWorkerWritesIt(config))).isEqualTo(config);
        }
    }

    @Test
    void aTombstoneIsADeletion() {
        assertThat(ConnectorConfigRecord.decode(null)).isNull();
    }

    @Test
    void anythingElseIsUndecodableAndNeverThrows() {
        for (String value : new String[] {"", "not json", "[]", "{}", "{\"properties\":[]}", "{\"properties\":null}",
                "{\"properties\":{\"a\":1}}", "{\"properties\":{\"a\":null}}", "{\"properties\":{\"a\":{}}}",
                "{\"properties\":{\"a\":\"b\"}", "{\"schema\":{},\"payload\":{\"properties\":{\"a\":\"b\"}}}",
                "\"properties\"", "{\"properties\":{\"a\":\"b\"}} trailing"}) {
            assertThat(ConnectorConfigRecord.decode(value.getBytes(StandardCharsets.UTF_8))).as(value)
                    .isSameAs(ConnectorConfigRecord.UNDECODABLE);
        }
    }

    @Test
    void otherFieldsBesideThePropertiesAreIgnored() {
        byte[] value = "{\"other\":{\"x\":[1,2]},\"properties\":{\"a\":\"b\"},\"more\":true}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(ConnectorConfigRecord.decode(value)).isEqualTo(Map.of("a", "b"));
    }
}
