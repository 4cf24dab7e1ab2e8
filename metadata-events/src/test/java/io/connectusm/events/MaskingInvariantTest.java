package io.connectusm.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A decoded snapshot never carries a value for a masked key, and nothing says what the value was. */
class MaskingInvariantTest {

    private final EventCodec codec = new EventCodec();

    @Test
    void valueForAMaskedKeyIsRefusedNamingTheKeyButNotTheValue() {
        ObjectNode event = snapshotJson();
        ((ObjectNode) event.get("data").get("config")).put("connection.password", SampleEvents.CANARY);

        EventDecodingException error = catchThrowableOfType(EventDecodingException.class, () -> codec.decode(Json.bytes(event)));

        assertThat(error.kind()).isEqualTo(EventDecodingException.Kind.MALFORMED);
        assertThat(error.field()).isEqualTo("data.config[\"connection.password\"]");
        assertThat(error.getMessage()).doesNotContain(SampleEvents.CANARY);
        assertThat(error.getCause()).isNull();
    }

    @Test
    void valueForAMaskedKeyIsRefusedEvenWithAFingerprintThatMatchesIt() {
        // An emitter that hashed its unmasked config would produce exactly this: a consistent but leaking event.
        ObjectNode event = snapshotJson();
        ObjectNode config = (ObjectNode) event.get("data").get("config");
        config.put("connection.password", SampleEvents.CANARY);
        TreeMap<String, String> leaked = new TreeMap<>();
        config.properties().forEach(entry -> leaked.put(entry.getKey(), entry.getValue().textValue()));
        ((ObjectNode) event.get("data")).put("config_fingerprint", ConfigFingerprint.of(leaked));

        EventDecodingException error = catchThrowableOfType(EventDecodingException.class, () -> codec.decode(Json.bytes(event)));

        assertThat(error.field()).isEqualTo("data.config[\"connection.password\"]");
        assertThat(error.getMessage()).doesNotContain(SampleEvents.CANARY);
    }

    @Test
    void nullForAMaskedKeyIsRefusedToo() {
        ObjectNode event = snapshotJson();
        ((ObjectNode) event.get("data").get("config")).putNull("connection.password");

        EventDecodingException error = catchThrowableOfType(EventDecodingException.class, () -> codec.decode(Json.bytes(event)));

        assertThat(error.field()).isEqualTo("data.config[\"connection.password\"]");
    }

    @Test
    void maskedKeyAbsentFromTheConfigIsAllowed() {
        ObjectNode event = snapshotJson();
        ((ArrayNode) event.get("data").get("masked_keys")).add("ssl.key.password");

        ConnectorSnapshot decoded = (ConnectorSnapshot) codec.decode(Json.bytes(event)).payload();

        assertThat(decoded.maskedKeys()).containsExactly("connection.password", "ssl.key.password");
    }

    @Test
    void everyDecodedSnapshotHasOnlyTheMaskedValueUnderItsMaskedKeys() {
        RandomEvents random = new RandomEvents(99L);
        int snapshots = 0;
        for (MetadataEvent event : codec.decodeBatch(codec.encodeBatch(random.batch(400)))) {
            if (event.payload() instanceof ConnectorSnapshot snapshot) {
                snapshots++;
                for (String key : snapshot.maskedKeys()) {
                    if (snapshot.config().containsKey(key)) {
                        assertThat(snapshot.config().get(key)).isEqualTo(ConnectorSnapshot.MASKED_VALUE);
                    }
                }
            }
        }
        assertThat(snapshots).as("the generator made snapshots").isGreaterThan(50);
    }

    @Test
    void aSnapshotCannotBeBuiltWithAValueForAMaskedKeyAndTheErrorHidesIt() {
        TreeMap<String, String> config = new TreeMap<>(Map.of("api.secret", SampleEvents.CANARY));
        TreeSet<String> masked = new TreeSet<>(List.of("api.secret"));

        IllegalArgumentException error = catchThrowableOfType(IllegalArgumentException.class,
                () -> ConnectorSnapshot.builder()
                        .name("c")
                        .connectorType(ConnectorType.SINK)
                        .state(ConnectorState.RUNNING)
                        .config(config)
                        .maskedKeys(masked)
                        .cause(ChangeCause.CREATED)
                        .build());
        IllegalArgumentException withFingerprint = catchThrowableOfType(IllegalArgumentException.class,
                () -> ConnectorSnapshot.builder()
                        .name("c")
                        .connectorType(ConnectorType.SINK)
                        .state(ConnectorState.RUNNING)
                        .config(config)
                        .maskedKeys(masked)
                        .configFingerprint(ConfigFingerprint.of(config))
                        .cause(ChangeCause.CREATED)
                        .build());

        assertThat(error).hasMessageContaining("api.secret").hasMessageNotContaining(SampleEvents.CANARY);
        assertThat(withFingerprint).hasMessageContaining("api.secret").hasMessageNotContaining(SampleEvents.CANARY);
    }

    private ObjectNode snapshotJson() {
        return Json.object(codec.encode(SampleEvents.event(SampleEvents.snapshot(), 0)));
    }
}
