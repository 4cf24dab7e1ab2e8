package io.connectusm.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.Map;
import java.util.Set;

/** The module's JSON Schemas, loaded from the classpath as a receiver would, with format assertions on. */
final class Schemas {

    private static final String BASE = "https://connectusm.io/schema/metadata-events/v1/";

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(BASE, "classpath:schema/")));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    /** The file of each type's schema, named as the contract documents them. */
    static final Map<EventType, String> FILES = Map.of(
            EventType.CONNECTOR_SNAPSHOT, "connector-snapshot.schema.json",
            EventType.CONNECTOR_DELETED, "connector-deleted.schema.json",
            EventType.CLUSTER_INVENTORY, "cluster-inventory.schema.json",
            EventType.WORKER_PLUGINS, "worker-plugins.schema.json");

    private static final Map<EventType, JsonSchema> BY_TYPE = Map.of(
            EventType.CONNECTOR_SNAPSHOT, load(FILES.get(EventType.CONNECTOR_SNAPSHOT)),
            EventType.CONNECTOR_DELETED, load(FILES.get(EventType.CONNECTOR_DELETED)),
            EventType.CLUSTER_INVENTORY, load(FILES.get(EventType.CLUSTER_INVENTORY)),
            EventType.WORKER_PLUGINS, load(FILES.get(EventType.WORKER_PLUGINS)));
    private static final JsonSchema BATCH = load("batch.schema.json");

    private Schemas() {
    }

    static Set<ValidationMessage> validateEvent(EventType type, JsonNode event) {
        return BY_TYPE.get(type).validate(event);
    }

    static Set<ValidationMessage> validateBatch(JsonNode batch) {
        return BATCH.validate(batch);
    }

    private static JsonSchema load(String file) {
        JsonSchema schema = FACTORY.getSchema(SchemaLocation.of(BASE + file), CONFIG);
        schema.initializeValidators();
        return schema;
    }
}
