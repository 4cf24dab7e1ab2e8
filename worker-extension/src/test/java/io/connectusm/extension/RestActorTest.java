package io.connectusm.extension;

import io.connectusm.events.ChangeActor;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who made a REST change: the principal, address, X-Forwarded-For and User-Agent of a direct call; only the
 * principal of a call another worker forwarded (its address is the forwarding worker's); no address when turned
 * off; nothing for calls that change nothing; and the actor stays with the connector's changes for
 * {@link ChangeActors#WINDOW} only.
 */
class RestActorTest {

    private static final Instant NOW = Instant.parse("2025-03-01T09:30:00Z");
    private static final java.security.Principal ALICE = () -> "alice";

    private final ConnectorChanges changes = new ConnectorChanges();
    private final WorkerIdentity identity = WorkerIdentity.fromWorkerProps(Map.of("listeners", "http://:0"), () -> "w");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private static RestExchange.Builder pause(Map<String, String> headers, Map<String, String> query) {
        return RestExchange.builder("PUT").pathSegments(List.of("connectors", "orders", "pause")).status(202)
                .principal(ALICE).clientAddress("10.1.2.3")
                .requestHeaders(name -> headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                        .map(Map.Entry::getValue).findFirst().orElse(null))
                .queryParameters(query::get);
    }

    @Test
    void aDirectCallRecordsPrincipalAddressForwardedForUserAgentAndTheCall() {
        new RestChangeInterpreter(changes, identity, true, clock).responded(pause(
                Map.of("user-agent", "curl/8.5.0", "x-forwarded-for", "203.0.113.7"), Map.of()).build());

        assertThat(changes.actors().actorOf("orders", NOW)).isEqualTo(new ChangeActor("alice", "10.1.2.3",
                "203.0.113.7", "curl/8.5.0", "PUT /connectors/orders/pause", false));
        assertThat(changes.drain().connectors()).containsExactly("orders");
    }

    @Test
    void aForwardedCallKeepsThePrincipalButNotTheForwardingWorkersAddressOrAgent() {
        new RestChangeInterpreter(changes, identity, true, clock).responded(pause(
                Map.of("User-Agent", "Jetty/12.0"), Map.of("forward", "false")).build());

        assertThat(changes.actors().actorOf("orders", NOW)).isEqualTo(new ChangeActor("alice", null, null, null,
                "PUT /connectors/orders/pause", true));
    }

    @Test
    void addressAuditTurnedOffLeavesAddressAndForwardedForOut() {
        new RestChangeInterpreter(changes, identity, false, clock).responded(pause(
                Map.of("User-Agent", "curl/8.5.0", "X-Forwarded-For", "203.0.113.7"), Map.of()).build());

        ChangeActor actor = changes.actors().actorOf("orders", NOW);
        assertThat(actor.principal()).isEqualTo("alice");
        assertThat(actor.userAgent()).isEqualTo("curl/8.5.0");
        assertThat(actor.clientAddress()).isNull();
        assertThat(actor.forwardedFor()).isNull();
    }

    @Test
    void readsAndFailedCallsRecordNoActor() {
        RestChangeInterpreter interpreter = new RestChangeInterpreter(changes, identity, true, clock);
        interpreter.responded(RestExchange.builder("GET").pathSegments(List.of("connectors", "orders", "status"))
                .status(200).principal(ALICE).build());
        interpreter.responded(pause(Map.of(), Map.of()).status(409).build());

        assertThat(changes.actors().actorOf("orders", NOW)).isNull();
    }

    @Test
    void anActorIsKeptForTheWindowOnlyAndALongOrHostileHeaderIsCutWithoutSplittingACharacter() {
        String agent = "x".repeat(RestActor.MAX_CHARS - 1) + "\uD83D\uDE00" + "tail";
        new RestChangeInterpreter(changes, identity, true, clock).responded(pause(Map.of("User-Agent", agent),
                Map.of()).build());

        ChangeActor actor = changes.actors().actorOf("orders", NOW.plus(ChangeActors.WINDOW).minusMillis(1));
        assertThat(actor.userAgent()).hasSize(RestActor.MAX_CHARS - 1).doesNotContain("\uD83D");
        assertThat(changes.actors().actorOf("orders", NOW.plus(ChangeActors.WINDOW))).isNull();
        assertThat(changes.actors().actorOf("payments", NOW)).isNull();
    }
}
