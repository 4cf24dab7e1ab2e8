package io.connectusm.extension;

import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorType;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JAX-RS-free core of the REST change filter: which answered calls mark which connectors, and the config a
 * REST write hands to the emitter, taken from the body Connect answers it with (its real {@link ConnectorInfo});
 * anything else yields nothing, and the emitter reads the config from the herder. Both adapters feed it the same
 * values.
 */
class RestChangeInterpreterTest {

    private static final URI BASE = URI.create("http://connect-1:8083/");
    private static final Map<String, String> CONFIG = Map.of("connector.class", "FileStreamSource", "batch.size", "2048");
    private static final ConnectorInfo INFO = new ConnectorInfo("orders", CONFIG,
            List.of(new ConnectorTaskId("orders", 0)), ConnectorType.SOURCE);

    private final ConnectorChanges changes = new ConnectorChanges();
    private final WorkerIdentity identity = WorkerIdentity.fromWorkerProps(Map.of("listeners", "http://:0"), () -> "w");
    private final RestChangeInterpreter interpreter = new RestChangeInterpreter(changes, identity);

    @Test
    void takesTheWrittenConfigFromConnectsConnectorInfo() {
        assertThat(RestChangeInterpreter.writtenConfig(INFO)).isEqualTo(CONFIG);
    }

    @Test
    void takesNothingFromAnyOtherBody() {
        assertThat(RestChangeInterpreter.writtenConfig(null)).isNull();
        assertThat(RestChangeInterpreter.writtenConfig("created")).isNull();
        assertThat(RestChangeInterpreter.writtenConfig(Map.of("config", Map.of("a", "b")))).isNull();
        assertThat(RestChangeInterpreter.writtenConfig(new ConnectorInfo("empty", Map.of(), List.of(),
                ConnectorType.SOURCE))).isNull();
    }

    @Test
    void aCreateMarksTheConnectorOfTheLocationWithTheConfigItWrote() {
        interpreter.responded(call("POST", 201, "connectors").location(URI.create("http://connect-1:8083/connectors/orders"))
                .entity(INFO).build());

        ConnectorChanges.Drained drained = changes.drain();
        assertThat(drained.connectors()).containsExactly("orders");
        assertThat(drained.configChanged()).containsExactly("orders");
        assertThat(drained.written()).containsEntry("orders", CONFIG);
        assertThat(identity.workerId()).isEqualTo("w:8083");
    }

    @Test
    void aConfigPutChangesTheConfigAndAPauseOnlyTheState() {
        interpreter.responded(call("PUT", 200, "connectors", "orders", "config").entity(INFO).build());
        interpreter.responded(call("PUT", 202, "connectors", "payments", "pause").build());

        ConnectorChanges.Drained drained = changes.drain();
        assertThat(drained.connectors()).containsExactlyInAnyOrder("orders", "payments");
        assertThat(drained.configChanged()).containsExactly("orders");
        assertThat(drained.written()).containsOnlyKeys("orders");
    }

    @Test
    void aDeleteIsReportedAsADeletion() {
        interpreter.responded(call("DELETE", 204, "connectors", "orders").build());

        assertThat(changes.drain().deleted()).containsExactly("orders");
    }

    /**
     * A REST DELETE records its actor before the deletion is reported, and the deletion the detector builds within
     * the window carries it (the one the REST thread appends at once, the observer's, the feed tombstone's); a
     * deletion of a connector no call of this worker touched carries none.
     */
    @Test
    void aDeletionCarriesTheActorOfItsDeleteCall() {
        java.time.Instant now = java.time.Instant.parse("2026-01-01T10:00:00Z");
        java.time.Clock clock = java.time.Clock.fixed(now, java.time.ZoneOffset.UTC);
        RestChangeInterpreter at = new RestChangeInterpreter(changes, identity, true, clock);
        java.util.List<String> reportedAtOnce = new java.util.ArrayList<>();
        changes.reportDeletionsWith(name -> {
            ChangeDetector detector = new ChangeDetector(null, null, identity, clock, changes.actors());
            io.connectusm.events.ChangeActor actor = detector.deletion(name, now).actor();
            reportedAtOnce.add(name + " by " + (actor == null ? null : actor.principal() + " " + actor.request()));
            return true;
        });

        at.responded(call("DELETE", 204, "connectors", "orders").principal(() -> "alice").clientAddress("10.1.2.3")
                .requestHeaders(Map.of("User-Agent", "curl/8.5.0")::get).build());

        assertThat(reportedAtOnce).containsExactly("orders by alice DELETE /connectors/orders");
        ChangeDetector detector = new ChangeDetector(null, null, identity, clock, changes.actors());
        io.connectusm.events.ConnectorDeleted deleted = detector.deletion("orders", now.plusSeconds(9));
        assertThat(deleted.actor().clientAddress()).isEqualTo("10.1.2.3");
        assertThat(deleted.actor().userAgent()).isEqualTo("curl/8.5.0");
        assertThat(detector.deletion("orders", now.plus(ChangeActors.WINDOW)).actor()).as("after the window").isNull();
        assertThat(detector.deletion("payments", now).actor()).as("no call touched it").isNull();
    }

    /**
     * The feed may read the leader's tombstone of a call this worker forwarded before the REST filter records who
     * made it: the deletion then goes once without actor and once more with it; in the usual order it goes once.
     */
    @Test
    void aDeletionFirstReportedWithoutActorIsReportedAgainWithItOnlyOnce() {
        java.time.Instant now = java.time.Instant.parse("2026-01-01T10:00:00Z");
        java.time.Clock clock = java.time.Clock.fixed(now, java.time.ZoneOffset.UTC);
        PendingEvents pending = new PendingEvents(10, java.time.Instant.EPOCH);
        ChangeDetector detector = new ChangeDetector(null, pending, identity, clock, changes.actors());
        detector.clusterKnown(new io.connectusm.events.ClusterRef("kafka-1", "connect-1"));
        io.connectusm.events.ChangeActor alice = new io.connectusm.events.ChangeActor("alice", "10.1.2.3", null,
                null, "DELETE /connectors/late", false);

        detector.reportDeletedNow("late"); // the feed's tombstone, before the filter
        changes.actors().record("late", alice, now);
        detector.reportDeletedNow("late"); // the filter, with the actor
        detector.reportDeletedNow("late"); // nothing new
        changes.actors().record("early", alice, now);
        detector.reportDeletedNow("early"); // the filter first
        detector.reportDeletedNow("early"); // then the feed

        assertThat(pending.peek(10)).extracting(e -> e.subject() + " "
                + ((io.connectusm.events.ConnectorDeleted) e.payload()).actor())
                .containsExactly("late null", "late " + alice, "early " + alice);
    }

    @Test
    void readsFailuresAndOtherPathsMarkNothing() {
        interpreter.responded(call("GET", 200, "connectors", "orders").build());
        interpreter.responded(call("PUT", 409, "connectors", "orders", "config").build());
        interpreter.responded(call("POST", 200, "admin", "loggers").build());
        interpreter.responded(call("DELETE", 404, "connectors", "gone").build());

        ConnectorChanges.Drained drained = changes.drain();
        assertThat(drained.connectors()).isEmpty();
        assertThat(drained.deleted()).isEmpty();
        assertThat(drained.everything()).isFalse();
    }

    @Test
    void aCreateWithoutALocationMakesTheEmitterLookAtEverything() {
        interpreter.responded(call("POST", 201, "connectors").build());

        assertThat(changes.drain().everything()).isTrue();
    }

    @Test
    void aFailureInsideTheCoreNeverReachesTheWorkersRestCall() {
        changes.reportDeletionsWith(name -> {
            throw new IllegalStateException("the outbox failed");
        });

        interpreter.responded(call("DELETE", 204, "connectors", "orders").build());
        interpreter.responded(call("PUT", 202, "connectors", "payments", "pause").build());

        assertThat(changes.drain().connectors()).containsExactly("payments");
    }

    @Test
    void requestHeadersAreReachableWithoutChangingTheAdapters() {
        RestExchange exchange = call("GET", 200, "connectors").requestHeaders(Map.of("User-Agent", "curl/8")::get)
                .build();

        assertThat(exchange.requestHeader("User-Agent")).isEqualTo("curl/8");
        assertThat(exchange.requestHeader("X-Forwarded-For")).isNull();
    }

    private static RestExchange.Builder call(String method, int status, String... segments) {
        return RestExchange.builder(method).status(status).pathSegments(List.of(segments)).baseUri(BASE);
    }
}
