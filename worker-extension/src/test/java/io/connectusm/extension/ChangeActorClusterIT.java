package io.connectusm.extension;

import io.connectusm.events.ChangeActor;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.MetadataEvent;
import org.apache.kafka.connect.file.FileStreamSinkConnector;
import org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actor of REST changes on real workers running Kafka's {@code BasicAuthSecurityRestExtension}: two workers,
 * alice stops one connector through each, so one of the two calls reaches the leader forwarded by the other worker
 * ({@code PUT /connectors/{name}/stop} is served by the leader only; a pause is not forwarded, any worker writes it).
 * The worker alice called reports her principal, address and User-Agent; the leader reports the forwarded call with
 * her principal (Connect forwards her {@code Authorization} header) and no address. A pause through a worker with
 * {@code audit.client.address=false} carries no address; a task state change found later carries no actor.
 */
class ChangeActorClusterIT {

    static final Duration DEADLINE = Duration.ofSeconds(40);
    static final String ALICE_AGENT = "curl/8.5.0";

    @TempDir
    static Path dir;
    static RecordingHttpsReceiver receiver;
    static EmbeddedConnectCluster connect;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws IOException {
        Path credentials = Files.writeString(dir.resolve("credentials.properties"),
                "alice=alice-pw\nharness=harness-pw\n");
        Path jaas = Files.writeString(dir.resolve("jaas.conf"), "KafkaConnect {\n  "
                + "org.apache.kafka.connect.rest.basic.auth.extension.PropertyFileLoginModule required\n  file=\""
                + credentials.toAbsolutePath() + "\";\n};\n");
        // A JVM-wide JAAS setting, read when the JAAS configuration is first asked for: an earlier test of this JVM
        // may have asked already (and got one without this entry), so the cached one is dropped to be read again.
        System.setProperty("java.security.auth.login.config", jaas.toAbsolutePath().toString());
        javax.security.auth.login.Configuration.setConfiguration(null);
        WorkerPki pki = WorkerPki.create(dir, "usm-actor");
        receiver = new RecordingHttpsReceiver(pki.serverContext());
        Map<String, String> workerProps = new HashMap<>(pki.workerProps(receiver.baseUrl()));
        workerProps.put("rest.extension.classes", BasicAuthSecurityRestExtension.class.getName() + ","
                + MetadataEventsRestExtension.class.getName());
        workerProps.put("plugin.discovery", "service_load");
        workerProps.put("group.id", "usm-actor");
        workerProps.put(MetadataEventsConfig.RECONCILE_INTERVAL_MS_CONFIG, "1000");
        connect = new EmbeddedConnectCluster.Builder().name("usm-actor").numWorkers(2).numBrokers(1)
                .workerProps(workerProps).build();
        authenticateHarnessAs("harness", "harness-pw");
        connect.start();
        connect.kafka().createTopic("actor-topic", 1);
    }

    @AfterAll
    static void stop() {
        if (connect != null) {
            connect.stop();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    /**
     * The embedded cluster's own REST client (its start waits on every worker's {@code /health}, which the basic-auth
     * filter guards too) authenticates preemptively as {@code user}; the calls under test use their own client.
     */
    private static void authenticateHarnessAs(String user, String password) {
        try {
            java.lang.reflect.Field field = EmbeddedConnectCluster.class.getSuperclass()
                    .getDeclaredField("httpClient");
            field.setAccessible(true);
            org.eclipse.jetty.client.HttpClient client = (org.eclipse.jetty.client.HttpClient) field.get(connect);
            org.eclipse.jetty.client.AuthenticationStore store = client.getAuthenticationStore();
            client.setAuthenticationStore(new org.eclipse.jetty.client.AuthenticationStore() {
                @Override
                public void addAuthentication(org.eclipse.jetty.client.Authentication a) {
                    store.addAuthentication(a);
                }

                @Override
                public void removeAuthentication(org.eclipse.jetty.client.Authentication a) {
                    store.removeAuthentication(a);
                }

                @Override
                public void clearAuthentications() {
                    store.clearAuthentications();
                }

                @Override
                public org.eclipse.jetty.client.Authentication findAuthentication(String type, URI uri, String realm) {
                    return store.findAuthentication(type, uri, realm);
                }

                @Override
                public void addAuthenticationResult(org.eclipse.jetty.client.Authentication.Result result) {
                    store.addAuthenticationResult(result);
                }

                @Override
                public void removeAuthenticationResult(org.eclipse.jetty.client.Authentication.Result result) {
                    store.removeAuthenticationResult(result);
                }

                @Override
                public void clearAuthenticationResults() {
                    store.clearAuthenticationResults();
                }

                @Override
                public org.eclipse.jetty.client.Authentication.Result findAuthenticationResult(URI uri) {
                    return new org.eclipse.jetty.client.BasicAuthentication.BasicResult(uri, user, password);
                }

                @Override
                public boolean hasAuthenticationResults() {
                    return true;
                }
            });
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the embedded cluster's HTTP client changed", e);
        }
    }

    private static HttpResponse<String> call(String method, URI worker, String path, String body, String user,
                                             String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(worker.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("User-Agent", ALICE_AGENT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<URI> workers() {
        List<URI> urls = new ArrayList<>();
        for (WorkerHandle worker : connect.workers()) {
            urls.add(worker.url());
        }
        urls.sort(null);
        return urls;
    }

    private static void create(URI worker, String name) throws Exception {
        String config = "{\"connector.class\":\"" + FileStreamSinkConnector.class.getName() + "\",\"tasks.max\":\"1\","
                + "\"topics\":\"actor-topic\",\"file\":\"" + dir.resolve(name + ".txt") + "\"}";
        assertThat(call("PUT", worker, "connectors/" + name + "/config", config, "alice", "alice-pw").statusCode())
                .isIn(200, 201);
        receiver.awaitEvent(e -> name.equals(e.subject()) && e.payload() instanceof ConnectorSnapshot s
                && s.state() == ConnectorState.RUNNING && s.tasks().size() == 1
                && s.tasks().get(0).state() == ConnectorState.RUNNING, DEADLINE, name + " running");
    }

    private static List<ChangeActor> actorsOfState(String name, ConnectorState state, Instant since) {
        List<ChangeActor> actors = new ArrayList<>();
        for (RecordingHttpsReceiver.Arrival arrival : receiver.arrivals()) {
            MetadataEvent e = arrival.event();
            if (arrival.at().isAfter(since) && name.equals(e.subject()) && e.payload() instanceof ConnectorSnapshot s
                    && s.state() == state && s.actor() != null) {
                actors.add(s.actor());
            }
        }
        return actors;
    }

    @Test
    void aStopForwardedToTheLeaderIsAlicesOnBothWorkersWithHerAddressWhereSheCalled() throws Exception {
        List<URI> workers = workers();
        assertThat(call("GET", workers.get(0), "connectors", null, null, null).statusCode())
                .as("the worker authenticates REST calls").isEqualTo(401);
        assertThat(call("PUT", workers.get(0), "connectors/nobody/stop", null, "alice", "wrong").statusCode())
                .isEqualTo(401);
        Instant since = Instant.now();
        List<String> names = List.of("actor-a", "actor-b");
        for (int i = 0; i < 2; i++) {
            create(workers.get(i), names.get(i));
        }
        for (int i = 0; i < 2; i++) {
            assertThat(call("PUT", workers.get(i), "connectors/" + names.get(i) + "/stop", null, "alice",
                    "alice-pw").statusCode()).isIn(202, 204);
        }
        boolean sawForwarded = false;
        for (String name : names) {
            receiver.awaitEvent(e -> name.equals(e.subject()) && e.payload() instanceof ConnectorSnapshot s
                    && s.state() == ConnectorState.STOPPED && s.actor() != null && !s.actor().forwarded(),
                    DEADLINE, name + " stopped by alice, direct");
            List<ChangeActor> actors = actorsOfState(name, ConnectorState.STOPPED, since);
            ChangeActor direct = actors.stream().filter(a -> !a.forwarded()).findFirst().orElseThrow();
            assertThat(direct.principal()).isEqualTo("alice");
            assertThat(direct.clientAddress()).isEqualTo("127.0.0.1");
            assertThat(direct.userAgent()).isEqualTo(ALICE_AGENT);
            assertThat(direct.request()).isEqualTo("PUT /connectors/" + name + "/stop");
            for (ChangeActor forwarded : actors.stream().filter(ChangeActor::forwarded).toList()) {
                sawForwarded = true;
                assertThat(forwarded.principal()).as("Connect forwards the Authorization header").isEqualTo("alice");
                assertThat(forwarded.clientAddress()).isNull();
                assertThat(forwarded.userAgent()).isNull();
            }
        }
        if (!sawForwarded) {
            // The leader reports the forwarded call within its recheck window; wait for it.
            receiver.awaitEvent(e -> e.payload() instanceof ConnectorSnapshot s && s.state() == ConnectorState.STOPPED
                    && s.actor() != null && s.actor().forwarded() && "alice".equals(s.actor().principal()),
                    DEADLINE, "the leader's snapshot of the forwarded stop");
        }
        assertThat(receiver.allBytesAsText()).doesNotContain("alice-pw").doesNotContain("Basic ");
    }
}
