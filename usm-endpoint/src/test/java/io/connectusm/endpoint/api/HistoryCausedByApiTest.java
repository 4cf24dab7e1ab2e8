package io.connectusm.endpoint.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.connectusm.endpoint.TestEndpoint;
import io.connectusm.endpoint.TestEvents;
import io.connectusm.events.ChangeActor;
import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorDeleted;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.EventCodec;
import io.connectusm.events.EventPayload;
import io.connectusm.events.MediaTypes;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.TaskSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue #15's "every row of a connector's history says who or what caused it", over real HTTPS: for every
 * {@link ChangeCause} a worker's first report of a connector may carry (a {@code RESYNC} included: the endpoint
 * records what it found as {@code CREATED}), a connector then goes through every other kind of history row (config
 * update, state change, task change, deletion), each change made by alice directly, by alice forwarded to the
 * leader, or by no REST call. Every row's {@code caused_by} in the API says what and who (or "found by reconcile"),
 * and the console's connector page shows the same words.
 */
class HistoryCausedByApiTest {

    static final EventCodec CODEC = new EventCodec();
    static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
    static final ClusterRef REF = new ClusterRef("kafka-causes", "connect-causes");
    static final String WORKER = "worker-a:8083";
    static final ChangeActor ALICE = new ChangeActor("alice", "10.1.2.3", "203.0.113.7", "curl/8.5.0", "PUT /x",
            false);
    static final ChangeActor FORWARDED = new ChangeActor("alice", null, null, null, "PUT /x", true);
    static final List<ChangeActor> ACTORS = java.util.Arrays.asList(null, ALICE, FORWARDED);

    @RegisterExtension
    static final TestEndpoint endpoint = new TestEndpoint();

    @Test
    void everyHistoryRowOfEveryKindSaysWhoOrWhatCausedIt() {
        endpoint.registerKafka("env-causes", REF.kafkaClusterId());
        String usmcc = TestEndpoint.json(endpoint.registerConnect("env-causes", REF.kafkaClusterId(),
                REF.connectClusterId())).get("id").asText();
        long seq = 0;
        Map<String, List<ChangeActor>> actorsByConnector = new TreeMap<>();
        List<MetadataEvent> changes = new ArrayList<>();
        List<MetadataEvent> deletions = new ArrayList<>();
        for (ChangeCause first : ChangeCause.values()) {
            String name = "via-" + first.name().toLowerCase(java.util.Locale.ROOT);
            List<ChangeActor> actors = new ArrayList<>();
            for (int step = 0; step < 5; step++) {
                ChangeActor actor = step == 0 && first == ChangeCause.RESYNC ? null
                        : ACTORS.get((first.ordinal() + step) % ACTORS.size());
                // Each change its own call (a call's reports are merged into one row's actor: ActorEnrichment).
                actors.add(actor == null ? null : new ChangeActor(actor.principal(), actor.clientAddress(),
                        actor.forwardedFor(), actor.userAgent(), "PUT /connectors/" + name + "/" + step,
                        actor.forwarded()));
            }
            actorsByConnector.put(name, actors);
            Instant t = T0.plusSeconds(100L * first.ordinal());
            changes.add(event(name, t, seq++, snapshot(name, "v1", ConnectorState.RUNNING, ConnectorState.RUNNING,
                    first, actors.get(0))));
            changes.add(event(name, t.plusSeconds(1), seq++, snapshot(name, "v2", ConnectorState.RUNNING,
                    ConnectorState.RUNNING, ChangeCause.CONFIG_UPDATED, actors.get(1))));
            changes.add(event(name, t.plusSeconds(2), seq++, snapshot(name, "v2", ConnectorState.PAUSED,
                    ConnectorState.RUNNING, ChangeCause.STATE_CHANGED, actors.get(2))));
            changes.add(event(name, t.plusSeconds(3), seq++, snapshot(name, "v2", ConnectorState.PAUSED,
                    ConnectorState.FAILED, ChangeCause.TASKS_CHANGED, actors.get(3))));
            deletions.add(event(name, t.plusSeconds(4), seq++, new ConnectorDeleted(name, actors.get(4))));
        }
        post(changes);
        for (String name : actorsByConnector.keySet()) {
            // The console page of a live connector: every caused_by of its history, as the API says it.
            String page = get("/ui/connect-clusters/" + usmcc + "/connectors/" + name).body();
            for (JsonNode row : history(usmcc, name)) {
                assertThat(page).as(name).contains(row.get("caused_by").asText()
                        .replace("&", "&amp;"));
            }
        }
        post(deletions);

        List<String> kinds = List.of("DELETED", "TASKS_CHANGED", "STATE_CHANGED", "CONFIG_UPDATED", "CREATED");
        List<String> verbs = List.of("deleted", "task", "paused", "config updated", "created");
        for (Map.Entry<String, List<ChangeActor>> connector : actorsByConnector.entrySet()) {
            JsonNode history = history(usmcc, connector.getKey());
            assertThat(history).as(connector.getKey()).hasSize(5);
            for (int i = 0; i < 5; i++) {
                JsonNode row = history.get(i);
                ChangeActor actor = connector.getValue().get(4 - i);
                String causedBy = row.get("caused_by").asText();
                String where = connector.getKey() + " " + row.get("change").asText() + ": " + causedBy;
                assertThat(row.get("change").asText()).as(where).isEqualTo(kinds.get(i));
                assertThat(causedBy).as(where).startsWith(verbs.get(i));
                if (actor == null) {
                    assertThat(causedBy).as(where).endsWith(", found by reconcile");
                    assertThat(row.get("actor").isNull()).as(where).isTrue();
                } else if (actor.forwarded()) {
                    assertThat(causedBy).as(where).contains(" by alice (forwarded to the leader by another worker)");
                    assertThat(row.get("actor").get("forwarded").asBoolean()).as(where).isTrue();
                } else {
                    assertThat(causedBy).as(where)
                            .contains(" by alice from 10.1.2.3 (X-Forwarded-For 203.0.113.7) (curl/8.5.0)");
                    assertThat(row.get("actor").get("client_address").asText()).as(where).isEqualTo("10.1.2.3");
                }
            }
        }
    }

    private static ConnectorSnapshot snapshot(String name, String topic, ConnectorState state, ConnectorState task,
                                              ChangeCause cause, ChangeActor actor) {
        TreeMap<String, String> config = new TreeMap<>(Map.of("connector.class", "org.example.Sink", "topics", topic));
        return ConnectorSnapshot.builder().name(name).connectorClass("org.example.Sink")
                .connectorType(ConnectorType.SINK).state(state).workerId(WORKER)
                .tasks(List.of(new TaskSnapshot(0, task, WORKER, task == ConnectorState.FAILED ? "java.lang.Boom" : null)))
                .config(config).cause(cause).actor(actor).build();
    }

    private static MetadataEvent event(String name, Instant time, long seq, EventPayload payload) {
        return new MetadataEvent(UUID.randomUUID().toString(), REF, WORKER, TestEvents.EPOCH, seq, time, name, payload);
    }

    private static void post(List<MetadataEvent> events) {
        HttpResponse<String> r = endpoint.sendBytes("/usm/v1/events", CODEC.encodeBatch(events), endpoint.agent,
                MediaTypes.CLOUDEVENTS_BATCH_JSON);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    }

    private static HttpResponse<String> get(String path) {
        HttpResponse<String> r = endpoint.send("GET", path, null, endpoint.admin);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r;
    }

    private static JsonNode history(String usmcc, String name) {
        return TestEndpoint.json(get("/usm/v1/connect-clusters/" + usmcc + "/connectors/" + name
                + "/history?page_size=50")).get("data");
    }
}
