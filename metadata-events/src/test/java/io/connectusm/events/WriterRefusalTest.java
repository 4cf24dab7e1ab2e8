package io.connectusm.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming writer refuses, at every string of the contract, what a reader would refuse — a lone surrogate (no
 * exact UTF-8 form) and a string one character over {@link EventLimits#MAX_STRING_CHARS} — naming the field at fault,
 * never the value, alone and inside a batch (where the event's index leads the path); and what it refuses it did not
 * half-write into a document that is returned.
 */
class WriterRefusalTest {

    private static final String LONE_SURROGATE = SampleEvents.CANARY + "\uD800";
    private static final String TOO_LONG = SampleEvents.CANARY + "x".repeat(EventLimits.MAX_STRING_CHARS);

    private final EventCodec codec = new EventCodec();

    /**
     * A place of a string in an event: the path a refusal must name, and the event with {@code bad} put there; a
     * cluster ID too long makes the {@code source} built from it too long first, so that is named then.
     */
    private record Slot(String path, String tooLongPath, Function<String, MetadataEvent> withBadValue) {
        Slot(String path, Function<String, MetadataEvent> withBadValue) {
            this(path, path, withBadValue);
        }

        String pathFor(String bad) {
            return bad.equals(TOO_LONG) ? tooLongPath : path;
        }

        @Override
        public String toString() {
            return path;
        }
    }

    static Stream<Arguments> slots() {
        List<Slot> slots = new ArrayList<>();
        slots.add(new Slot("id", bad -> envelope(bad, SampleEvents.WORKER, SampleEvents.snapshot())));
        slots.add(new Slot("workerid", bad -> envelope("id-1", bad, SampleEvents.snapshot())));
        slots.add(new Slot("kafkaclusterid", "source", bad -> new MetadataEvent("id-1", new ClusterRef(bad, "connect"),
                SampleEvents.WORKER, SampleEvents.EPOCH, 1, SampleEvents.EPOCH, SampleEvents.snapshot())));
        slots.add(new Slot("connectclusterid", "source", bad -> new MetadataEvent("id-1", new ClusterRef("lkc-1", bad),
                SampleEvents.WORKER, SampleEvents.EPOCH, 1, SampleEvents.EPOCH, SampleEvents.snapshot())));
        // The connector's name is the event's subject too, which the envelope carries before data.
        slots.add(new Slot("subject", bad -> event(SampleEvents.snapshot().toBuilder().name(bad).build())));
        slots.add(new Slot("subject", bad -> event(new ConnectorDeleted(bad))));
        slots.add(new Slot("data.connector_class",
                bad -> event(SampleEvents.snapshot().toBuilder().connectorClass(bad).build())));
        slots.add(new Slot("data.worker_id", bad -> event(SampleEvents.snapshot().toBuilder().workerId(bad).build())));
        slots.add(new Slot("data.trace", bad -> event(SampleEvents.snapshot().toBuilder().trace(bad).build())));
        slots.add(new Slot("data.tasks[1].worker_id", bad -> event(SampleEvents.snapshot().toBuilder().tasks(List.of(
                new TaskSnapshot(0, ConnectorState.RUNNING, "w", null),
                new TaskSnapshot(1, ConnectorState.RUNNING, bad, null))).build())));
        slots.add(new Slot("data.tasks[0].trace", bad -> event(SampleEvents.snapshot().toBuilder().tasks(List.of(
                new TaskSnapshot(0, ConnectorState.FAILED, "w", bad))).build())));
        slots.add(new Slot("data.config[\"connection.url\"]", bad -> event(withConfigValue("connection.url", bad))));
        slots.add(new Slot("data.topics[1]",
                bad -> event(SampleEvents.snapshot().toBuilder().topics(List.of("a", bad)).build())));
        for (String field : List.of("principal", "client_address", "forwarded_for", "user_agent", "request")) {
            slots.add(new Slot("data.actor." + field, bad -> event(SampleEvents.snapshot().toBuilder()
                    .actor(actorWith(field, bad)).build())));
            slots.add(new Slot("data.actor." + field, bad -> event(new ConnectorDeleted("c", actorWith(field, bad)))));
        }
        // A worker's plugins have the worker's ID as their subject.
        slots.add(new Slot("subject", bad -> event(new WorkerPlugins(bad, "4.3.1", List.of()))));
        slots.add(new Slot("data.kafka_version", bad -> event(new WorkerPlugins("w", bad, List.of()))));
        slots.add(new Slot("data.plugins[1].class_name", bad -> event(new WorkerPlugins("w", null, List.of(
                new PluginDescriptor("A", "sink", null), new PluginDescriptor(bad, "sink", null))))));
        slots.add(new Slot("data.plugins[0].type",
                bad -> event(new WorkerPlugins("w", null, List.of(new PluginDescriptor("A", bad, null))))));
        slots.add(new Slot("data.plugins[0].version",
                bad -> event(new WorkerPlugins("w", null, List.of(new PluginDescriptor("A", "sink", bad))))));
        return slots.stream().flatMap(slot -> Stream.of(Arguments.of(slot, LONE_SURROGATE, "not well-formed Unicode"),
                Arguments.of(slot, TOO_LONG, "longer than EventLimits.MAX_STRING_CHARS")));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("slots")
    void aBadStringIsRefusedNamingItsFieldAloneAndInABatch(Slot slot, String bad, String problem) {
        MetadataEvent event;
        try {
            event = slot.withBadValue().apply(bad);
        } catch (IllegalArgumentException refusedByTheModel) {
            // The model itself refuses this value here: nothing can reach the writer with it.
            assertThat(refusedByTheModel.getMessage()).doesNotContain(SampleEvents.CANARY);
            return;
        }

        assertRefused(catchThrowable(() -> codec.encode(event)), slot.pathFor(bad), problem);
        List<MetadataEvent> batch = List.of(SampleEvents.event(SampleEvents.deleted(), 1), event);
        assertRefused(catchThrowable(() -> codec.encodeBatch(batch)), "[1]." + slot.pathFor(bad), problem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keySlots")
    void aBadKeyIsRefusedNamingItsMap(String map, Function<String, MetadataEvent> withBadKey) {
        int reachedTheWriter = 0;
        for (String bad : List.of(SampleEvents.CANARY + "\uDC00", SampleEvents.CANARY
                + "k".repeat(EventLimits.MAX_KEY_CHARS))) {
            MetadataEvent event;
            try {
                event = withBadKey.apply(bad);
            } catch (IllegalArgumentException refusedByTheModel) {
                assertThat(refusedByTheModel.getMessage()).doesNotContain(SampleEvents.CANARY);
                continue;
            }
            reachedTheWriter++;
            Throwable refused = catchThrowable(() -> codec.encode(event));
            assertThat(refused).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(map + ": ").hasMessageContaining("key");
            assertThat(refused.getMessage()).doesNotContain(SampleEvents.CANARY);
        }
        assertThat(reachedTheWriter).as("bad keys the model lets through to the writer").isPositive();
    }

    static Stream<Arguments> keySlots() {
        Function<String, MetadataEvent> config = bad -> event(withConfigValue(bad, "v"));
        Function<String, MetadataEvent> inventory = bad -> event(new ClusterInventory(new TreeMap<>(Map.of(bad,
                SampleEvents.snapshot().configFingerprint()))));
        return Stream.of(Arguments.of("data.config", config), Arguments.of("data.connectors", inventory));
    }

    private static void assertRefused(Throwable refused, String path, String problem) {
        assertThat(refused).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(path + ": ").hasMessageContaining(problem);
        assertThat(refused.getMessage()).doesNotContain(SampleEvents.CANARY);
    }

    private static ConnectorSnapshot withConfigValue(String key, String value) {
        TreeMap<String, String> config = new TreeMap<>(SampleEvents.snapshot().config());
        config.put(key, value);
        return SampleEvents.snapshot().toBuilder().config(config).maskedKeys(new TreeSet<>(List.of(
                "connection.password"))).configFingerprint(null).build();
    }

    private static ChangeActor actorWith(String field, String value) {
        return new ChangeActor(field.equals("principal") ? value : "alice",
                field.equals("client_address") ? value : null, field.equals("forwarded_for") ? value : null,
                field.equals("user_agent") ? value : null, field.equals("request") ? value : null, false);
    }

    private static MetadataEvent envelope(String id, String workerId, EventPayload payload) {
        return new MetadataEvent(id, SampleEvents.CLUSTER, workerId, SampleEvents.EPOCH, 1,
                Instant.parse("2025-03-01T09:30:00Z"), payload);
    }

    private static MetadataEvent event(EventPayload payload) {
        return SampleEvents.event(payload, 7);
    }
}
