package io.connectusm.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The state digest identifies a state, not a document: the same state sent by another worker, at another time, in
 * other JSON (whitespace, field order, escapes, unknown fields, tasks / masked keys / plugins in another order,
 * repeated masked keys) has the same digest, computed from the bytes by the scanner or from the event; and every
 * change to what the state says changes it.
 */
class StateDigestTest {

    private static final EventCodec CODEC = new EventCodec();
    private static final EventScanner SCANNER = new EventScanner();
    private static final ObjectMapper ESCAPING = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    @Test
    void theSameStateInOtherBytesHasTheSameDigest() throws Exception {
        RandomEvents events = new RandomEvents(2024);
        Random random = new Random(2024);
        for (int i = 0; i < 1_500; i++) {
            MetadataEvent event = events.next();
            ObjectNode tree = Json.object(CODEC.encode(event));
            shuffle(tree, random);
            if (random.nextBoolean()) {
                tree.putObject("x-unknown").put("k", "v");
                ((ObjectNode) tree.get("data")).putArray("x-unknown").add(1);
            }
            JsonNode masked = tree.get("data").get("masked_keys");
            if (masked instanceof ArrayNode keys && keys.size() > 0 && random.nextBoolean()) {
                keys.add(keys.get(0));
            }
            byte[] json = switch (random.nextInt(3)) {
                case 0 -> ESCAPING.writeValueAsBytes(tree);
                case 1 -> Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree);
                default -> Json.bytes(tree);
            };

            ScannedEvent scanned = SCANNER.scan(json);

            assertThat(scanned.stateDigest()).as("input %d: %s", i, ScannerParity.base64(json))
                    .isEqualTo(StateDigest.of(event));
            assertThat(CODEC.decode(json)).isEqualTo(event);
        }
    }

    @Test
    void whoSentItWhenAndWhyDoesNotChangeTheDigest() {
        MetadataEvent event = SampleEvents.event(SampleEvents.snapshot(), 0);
        ConnectorSnapshot s = SampleEvents.snapshot();
        ConnectorSnapshot resync = s.toBuilder().cause(ChangeCause.RESYNC).build();
        MetadataEvent other = new MetadataEvent("another-id", event.cluster(), "connect-9:8083",
                Instant.parse("2030-01-01T00:00:00Z"), 77, Instant.parse("2030-01-01T00:00:01Z"), resync);

        assertThat(StateDigest.of(other)).isEqualTo(StateDigest.of(event));
    }

    @Test
    void everyChangeToWhatTheStateSaysChangesTheDigest() {
        ConnectorSnapshot s = SampleEvents.snapshot();
        List<UnaryOperator<ConnectorSnapshot>> changes = List.of(
                x -> snapshot(x, "other-name", x.connectorClass(), x.state(), x.workerId(), x.trace(), x.tasks(), x.config(),
                        x.maskedKeys()),
                x -> snapshot(x, x.name(), null, x.state(), x.workerId(), x.trace(), x.tasks(), x.config(), x.maskedKeys()),
                x -> snapshot(x, x.name(), x.connectorClass(), ConnectorState.PAUSED, x.workerId(), x.trace(), x.tasks(),
                        x.config(), x.maskedKeys()),
                x -> snapshot(x, x.name(), x.connectorClass(), x.state(), "w:9", x.trace(), x.tasks(), x.config(),
                        x.maskedKeys()),
                x -> snapshot(x, x.name(), x.connectorClass(), x.state(), x.workerId(), "trace", x.tasks(), x.config(),
                        x.maskedKeys()),
                x -> snapshot(x, x.name(), x.connectorClass(), x.state(), x.workerId(), x.trace(), x.tasks().subList(0, 1),
                        x.config(), x.maskedKeys()),
                x -> snapshot(x, x.name(), x.connectorClass(), x.state(), x.workerId(), x.trace(),
                        List.of(x.tasks().get(0), new TaskSnapshot(1, ConnectorState.RUNNING, "connect-2.internal:8083",
                                x.tasks().get(1).trace())), x.config(), x.maskedKeys()),
                x -> snapshot(x, x.name(), x.connectorClass(), x.state(), x.workerId(), x.trace(),
                        List.of(x.tasks().get(0), new TaskSnapshot(2, x.tasks().get(1).state(), x.tasks().get(1).workerId(),
                                x.tasks().get(1).trace())), x.config(), x.maskedKeys()),
                x -> snapshot(x, x.name(), x.connectorClass(), x.state(), x.workerId(), x.trace(), x.tasks(),
                        with(x.config(), "topics", "payments"), x.maskedKeys()),
                x -> snapshot(x, x.name(), x.connectorClass(), x.state(), x.workerId(), x.trace(), x.tasks(),
                        with(x.config(), "new.key", null), x.maskedKeys()),
                x -> snapshot(x, x.name(), x.connectorClass(), x.state(), x.workerId(), x.trace(), x.tasks(), x.config(),
                        new TreeSet<>(Set.of("connection.password", "absent.key"))));
        Set<String> digests = new HashSet<>();
        digests.add(hex(StateDigest.of(SampleEvents.event(s, 0))));
        for (UnaryOperator<ConnectorSnapshot> change : changes) {
            assertThat(digests.add(hex(StateDigest.of(SampleEvents.event(change.apply(s), 0))))).isTrue();
        }
        ClusterRef otherCluster = new ClusterRef(SampleEvents.CLUSTER.kafkaClusterId(), "other-connect");
        MetadataEvent event = SampleEvents.event(s, 0);
        assertThat(digests.add(hex(StateDigest.of(new MetadataEvent(event.id(), otherCluster, event.workerId(),
                event.epoch(), 0, event.time(), s))))).isTrue();
        // The same name as a deletion, or as a connector of an inventory: other types, other digests.
        assertThat(digests.add(hex(StateDigest.of(SampleEvents.event(new ConnectorDeleted(s.name()), 0))))).isTrue();
        assertThat(digests.add(hex(StateDigest.of(SampleEvents.event(SampleEvents.inventory(), 0))))).isTrue();
        assertThat(digests.add(hex(StateDigest.of(SampleEvents.event(SampleEvents.plugins(), 0))))).isTrue();
        WorkerPlugins p = SampleEvents.plugins();
        assertThat(digests.add(hex(StateDigest.of(SampleEvents.event(new WorkerPlugins(p.workerId(), "4.4.0",
                p.plugins()), 0))))).isTrue();
        assertThat(digests.add(hex(StateDigest.of(SampleEvents.event(new WorkerPlugins(p.workerId(), p.kafkaVersion(),
                p.plugins().subList(0, 1)), 0))))).isTrue();
    }

    /**
     * The actor counts: the direct report of a call after the leader's report of it forwarded (same state, a fuller
     * actor) must not be dropped as a repeat by a receiver that drops repeated states (the agent's spool). Every field
     * of the actor counts, and an absent actor keeps the digest a snapshot or deletion had before actors existed.
     */
    @Test
    void theActorOfASnapshotOrADeletionChangesTheDigest() {
        ConnectorSnapshot s = SampleEvents.snapshot();
        ChangeActor direct = new ChangeActor("alice", "10.1.2.3", "203.0.113.7", "curl/8.5.0", "PUT /connectors/x/pause",
                false);
        List<ChangeActor> actors = List.of(direct,
                new ChangeActor("alice", null, null, null, "PUT /connectors/x/pause", true),
                new ChangeActor("bob", "10.1.2.3", "203.0.113.7", "curl/8.5.0", "PUT /connectors/x/pause", false),
                new ChangeActor("alice", "10.1.2.4", "203.0.113.7", "curl/8.5.0", "PUT /connectors/x/pause", false),
                new ChangeActor("alice", "10.1.2.3", null, "curl/8.5.0", "PUT /connectors/x/pause", false),
                new ChangeActor("alice", "10.1.2.3", "203.0.113.7", "curl/8.6.0", "PUT /connectors/x/pause", false),
                new ChangeActor("alice", "10.1.2.3", "203.0.113.7", "curl/8.5.0", "PUT /connectors/x/stop", false),
                new ChangeActor("alice", "10.1.2.3", "203.0.113.7", "curl/8.5.0", "PUT /connectors/x/pause", true),
                new ChangeActor(null, null, null, null, null, false));
        Set<String> snapshots = new HashSet<>();
        Set<String> deletions = new HashSet<>();
        snapshots.add(hex(StateDigest.of(SampleEvents.event(s, 0))));
        deletions.add(hex(StateDigest.of(SampleEvents.event(new ConnectorDeleted(s.name()), 0))));
        for (ChangeActor actor : actors) {
            assertThat(snapshots.add(hex(StateDigest.of(SampleEvents.event(s.withActor(actor), 0))))).as("%s", actor)
                    .isTrue();
            assertThat(deletions.add(hex(StateDigest.of(SampleEvents.event(new ConnectorDeleted(s.name(), actor), 0)))))
                    .as("%s", actor).isTrue();
        }
        assertThat(StateDigest.of(SampleEvents.event(s.withActor(direct), 0)))
                .isEqualTo(StateDigest.of(SampleEvents.event(s.withActor(new ChangeActor("alice", "10.1.2.3",
                        "203.0.113.7", "curl/8.5.0", "PUT /connectors/x/pause", false)), 7)));
    }

    @Test
    void stringsAreLengthPrefixedSoThatNoTwoStatesShareAnEncoding() {
        // "ab" + "c" and "a" + "bc" in adjacent fields must not collide.
        ConnectorSnapshot s = SampleEvents.snapshot();
        byte[] one = StateDigest.of(SampleEvents.event(snapshot(s, s.name(), "ab", s.state(), "c", null, List.of(),
                s.config(), s.maskedKeys()), 0));
        byte[] two = StateDigest.of(SampleEvents.event(snapshot(s, s.name(), "a", s.state(), "bc", null, List.of(),
                s.config(), s.maskedKeys()), 0));
        byte[] absent = StateDigest.of(SampleEvents.event(snapshot(s, s.name(), "", s.state(), null, null, List.of(),
                s.config(), s.maskedKeys()), 0));
        byte[] empty = StateDigest.of(SampleEvents.event(snapshot(s, s.name(), null, s.state(), "", null, List.of(),
                s.config(), s.maskedKeys()), 0));

        assertThat(one).isNotEqualTo(two);
        assertThat(absent).isNotEqualTo(empty);
        assertThat(one).hasSize(StateDigest.BYTES);
    }

    private static ConnectorSnapshot snapshot(ConnectorSnapshot base, String name, String connectorClass,
            ConnectorState state, String workerId, String trace, List<TaskSnapshot> tasks, Map<String, String> config,
            Set<String> maskedKeys) {
        return ConnectorSnapshot.builder()
                .name(name)
                .connectorClass(connectorClass)
                .connectorType(base.connectorType())
                .state(state)
                .workerId(workerId)
                .trace(trace)
                .tasks(tasks)
                .config(new TreeMap<>(config))
                .maskedKeys(new TreeSet<>(maskedKeys))
                .cause(base.cause())
                .build();
    }

    private static Map<String, String> with(Map<String, String> config, String key, String value) {
        TreeMap<String, String> copy = new TreeMap<>(config);
        copy.put(key, value);
        return copy;
    }

    /** Every object's fields and every array of the contract (tasks, masked keys, plugins) in a random order. */
    private static void shuffle(JsonNode node, Random random) {
        if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            object.fields().forEachRemaining(fields::add);
            Collections.shuffle(fields, random);
            object.removeAll();
            fields.forEach(field -> {
                shuffle(field.getValue(), random);
                object.set(field.getKey(), field.getValue());
            });
        } else if (node instanceof ArrayNode array) {
            List<JsonNode> items = new ArrayList<>();
            array.forEach(items::add);
            Collections.shuffle(items, random);
            array.removeAll();
            items.forEach(item -> {
                shuffle(item, random);
                array.add(item);
            });
        }
    }

    private static String hex(byte[] digest) {
        return ConfigFingerprint.hex(digest);
    }
}
