package io.connectusm.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.connectusm.agent.AgentConfig;
import io.connectusm.agent.AgentMain;
import io.connectusm.certs.CaSpec;
import io.connectusm.certs.CertificateAuthority;
import io.connectusm.certs.LeafFiles;
import io.connectusm.certs.LeafSpec;
import io.connectusm.certs.TlsContexts;
import io.connectusm.certs.WriteMode;
import io.connectusm.endpoint.auth.ApiKeyCredentials;
import io.connectusm.endpoint.auth.ApiKeys;
import io.connectusm.endpoint.auth.ApiRole;
import io.connectusm.endpoint.store.Cloud;
import io.connectusm.endpoint.store.ConnectorStore;
import io.connectusm.endpoint.store.Database;
import io.connectusm.endpoint.store.DatabaseSettings;
import io.connectusm.endpoint.store.HistoryEntry;
import io.connectusm.endpoint.store.IdGenerator;
import io.connectusm.endpoint.store.StoredConnector;
import io.connectusm.endpoint.store.Stores;
import io.connectusm.endpoint.testing.RoundRobinProxy;
import io.connectusm.endpoint.testing.TestDirs;
import io.connectusm.endpoint.testing.TestPostgres;
import io.connectusm.testkit.ChildJvm;
import io.connectusm.events.ChangeCause;
import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConfigFingerprint;
import io.connectusm.events.ConnectorSnapshot;
import io.connectusm.events.ConnectorState;
import io.connectusm.events.ConnectorType;
import io.connectusm.events.EventCodec;
import io.connectusm.events.MediaTypes;
import io.connectusm.events.MetadataEvent;
import io.connectusm.events.TaskSnapshot;

/**
 * Two endpoint replicas (their own JVMs) on one PostgreSQL database behind a round-robin balancer that cuts every
 * connection after a few hundred milliseconds; two real agents (their own JVMs, as two workers of one Connect
 * cluster would use) forward through it; two workers race snapshots of the same 30 connectors into them, and
 * replica 1 is killed with SIGKILL half way. In the end every connector, read from the database and from the
 * surviving replica, is what the newest event an agent acknowledged says, and its history reads in stamp order.
 * On the way: a key deleted through one replica is refused by the other within seconds, and both replicas give a
 * caller the same form token (one shared signing key).
 */
class ReplicasIT {

    static final ClusterRef REF = new ClusterRef("kafka-rep", "connect-rep");
    static final String ENV = "env-rep";
    static final int CONNECTORS = 30;
    static final Duration SENDING = Duration.ofSeconds(24);
    static final Duration START = Duration.ofSeconds(120);
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    static final Pattern CSRF = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"");

    @Test
    void replicasBehindABalancerKeepTheNewestOfEveryConnectorThoughOneIsKilled() throws Exception {
        TestPostgres.assumeAvailable();
        Path dir = TestDirs.create("test-replicas", "ReplicasIT");
        DatabaseSettings database = TestPostgres.createDatabase();
        List<ChildJvm> children = new ArrayList<>();
        try {
            CertificateAuthority ca = CertificateAuthority.create(CaSpec.named("replicas test CA"));
            LeafFiles server = LeafFiles.write(dir.resolve("server"), ca.issue(LeafSpec.server("localhost")
                    .dns("localhost").ip("127.0.0.1").build()), ca, WriteMode.FAIL_IF_EXISTS);
            LeafFiles workerCert = LeafFiles.write(dir.resolve("worker"), ca.issue(LeafSpec.client(
                    REF.connectClusterId()).build()), ca, WriteMode.FAIL_IF_EXISTS);
            Path endpointFile = endpointProperties(dir, server, database);

            // bootstrap, as an operator would: keys and registrations straight into the shared database
            EndpointConfig config = EndpointConfigLoader.load(endpointFile, System.getenv());
            ApiKeyCredentials admin;
            ApiKeyCredentials agentKey;
            try (ApiKeys keys = UsmEndpoint.openApiKeys(config)) {
                admin = keys.create(ApiRole.ADMIN, "replicas admin");
                agentKey = keys.create(ApiRole.AGENT, "replicas agents");
            }
            String usmcc;
            try (Database db = Database.open(config.databaseSettings())) {
                Stores stores = Stores.over(db, new IdGenerator());
                stores.registrations().createKafkaCluster(ENV, REF.kafkaClusterId(), "kafka", Cloud.AWS, "us-east-1");
                usmcc = stores.registrations().createConnectCluster(ENV, REF.connectClusterId(),
                        REF.kafkaClusterId(), null, null, null).id();
            }

            ChildJvm replica1 = start(children, ChildJvm.start(dir, "384m", ReplicaMain.STARTED, START,
                    ReplicaMain.class.getName(), endpointFile.toString()));
            ChildJvm replica2 = start(children, ChildJvm.start(dir, "384m", ReplicaMain.STARTED, START,
                    ReplicaMain.class.getName(), endpointFile.toString()));
            HttpClient https = HttpClient.newBuilder().sslContext(trusting(server)).connectTimeout(Duration
                    .ofSeconds(10)).build();
            String url1 = replica1.startedLine();
            String url2 = replica2.startedLine();

            aKeyDeletedOnOneReplicaIsRefusedOnTheOther(https, url1, url2, admin);
            bothReplicasSignFormsAlike(https, url1, url2, admin, usmcc);

            try (RoundRobinProxy balancer = new RoundRobinProxy(List.of(port(url1), port(url2)))) {
                List<Integer> agentPorts = new ArrayList<>();
                for (int a = 0; a < 2; a++) {
                    ChildJvm agent = start(children, ChildJvm.start(dir, "256m", AgentMain.STARTED_LINE_PREFIX, START,
                            AgentMain.class.getName(), "--config", agentProperties(dir.resolve("agent-" + a), server,
                                    balancer.port(), agentKey).toString()));
                    agentPorts.add(Integer.parseInt(agent.startedLine().replaceAll(".*data\\.port=(\\d+).*", "$1")));
                }

                Map<String, MetadataEvent> newestAcknowledged = race(workerCert, agentPorts, replica1);

                System.out.printf("ReplicasIT: balancer connections: replica 1 %d, replica 2 %d%n",
                        balancer.connectionsTo(port(url1)), balancer.connectionsTo(port(url2)));
                assertThat(balancer.connectionsTo(port(url1))).as("replica 1 served before it died").isPositive();
                assertThat(balancer.connectionsTo(port(url2))).isPositive();
                assertThat(newestAcknowledged).hasSize(CONNECTORS);
                try (Database db = Database.open(config.databaseSettings())) {
                    ConnectorStore store = new ConnectorStore(db);
                    Awaitility.await("every connector at its newest acknowledged event").atMost(Duration
                            .ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                            newestAcknowledged.forEach((name, event) -> assertStored(store.get(usmcc, name)
                                    .orElse(null), (ConnectorSnapshot) event.payload(), name)));
                    for (String name : newestAcknowledged.keySet()) {
                        List<Instant> times = store.history(usmcc, name).stream().map(HistoryEntry::time).toList();
                        List<Instant> ordered = new ArrayList<>(times);
                        ordered.sort(Comparator.reverseOrder());
                        assertThat(times).as(name + ": history in stamp order").isEqualTo(ordered);
                    }
                }
                // the surviving replica serves it
                String some = newestAcknowledged.keySet().iterator().next();
                String topic = ((ConnectorSnapshot) newestAcknowledged.get(some).payload()).config().get("topic");
                assertThat(get(https, url2 + "/usm/v1/connect-clusters/" + usmcc + "/connectors/" + some, admin)
                        .body()).contains("\"topic\":\"" + topic + "\"");
            }
        } catch (AssertionError | Exception e) {
            StringBuilder logs = new StringBuilder();
            for (ChildJvm child : children) {
                logs.append("\n----- child ").append(child.lastLinesForMessage());
            }
            throw new AssertionError(e.getMessage() + logs, e);
        } finally {
            for (ChildJvm child : children) {
                child.close();
            }
            TestPostgres.drop(database);
            TestDirs.deleteTree(dir);
        }
    }

    /**
     * Two workers, each posting to its own agent for {@link #SENDING}: batches of 1 to 8 snapshots of random
     * connectors of the cluster, stamped from one clock so their events for a connector interleave. Replica 1 is
     * killed half way. Returns, per connector, the newest event an agent acknowledged (204).
     */
    private static Map<String, MetadataEvent> race(LeafFiles workerCert, List<Integer> agentPorts, ChildJvm victim)
            throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(TlsContexts.sslContext(workerCert.directory())).connectTimeout(Duration.ofSeconds(5))
                .build();
        AtomicLong clock = new AtomicLong();
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        Map<String, MetadataEvent> newest = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int w = 0; w < agentPorts.size(); w++) {
            int worker = w;
            workers.add(CompletableFuture.runAsync(() -> {
                Random random = new Random(worker);
                Instant epoch = T0.minusSeconds(60 + worker);
                long sequence = 0;
                EventCodec codec = new EventCodec();
                while (sending.get()) {
                    List<MetadataEvent> batch = new ArrayList<>();
                    for (int i = 1 + random.nextInt(8); i > 0; i--) {
                        batch.add(snapshot("connector-" + random.nextInt(CONNECTORS), epoch, sequence++,
                                T0.plusMillis(clock.incrementAndGet()), random, worker));
                    }
                    if (post(client, agentPorts.get(worker), codec.encodeBatch(batch))) {
                        acknowledged.addAndGet(batch.size());
                        for (MetadataEvent e : batch) {
                            newest.merge(e.subject(), e, (a, b) -> a.time().isAfter(b.time()) ? a : b);
                        }
                    } else {
                        refused.incrementAndGet();
                    }
                }
            }));
        }
        Thread.sleep(SENDING.toMillis() / 2);
        victim.kill();
        Thread.sleep(SENDING.toMillis() / 2);
        sending.set(false);
        for (CompletableFuture<Void> w : workers) {
            w.get(60, TimeUnit.SECONDS);
        }
        System.out.printf("ReplicasIT: %d events acknowledged by the agents, %d batches refused or failed%n",
                acknowledged.get(), refused.get());
        return newest;
    }

    private static boolean post(HttpClient client, int agentPort, byte[] body) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + agentPort + "/v1/events"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", MediaTypes.CLOUDEVENTS_BATCH_JSON)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers
                    .discarding()).statusCode() == 204;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void assertStored(StoredConnector stored, ConnectorSnapshot expected, String name) {
        assertThat(stored).as(name).isNotNull();
        assertThat(stored.config()).as(name).isEqualTo(expected.config());
        assertThat(stored.state()).as(name).isEqualTo(expected.state().name());
        assertThat(stored.workerId()).as(name).isEqualTo(expected.workerId());
    }

    private static void aKeyDeletedOnOneReplicaIsRefusedOnTheOther(HttpClient https, String url1, String url2,
                                                                   ApiKeyCredentials admin) throws Exception {
        HttpResponse<String> created = send(https, "POST", url1 + "/usm/v1/api-keys",
                "{\"spec\":{\"role\":\"admin\",\"description\":\"short-lived\"}}", admin);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = created.body().replaceAll(".*\"id\":\"([A-Z0-9]+)\".*", "$1");
        String secret = created.body().replaceAll(".*\"secret\":\"([^\"]+)\".*", "$1");
        ApiKeyCredentials shortLived = new ApiKeyCredentials(id, secret, ApiRole.ADMIN);
        String list = "/usm/v1/kafka-clusters?environment=" + ENV;
        assertThat(get(https, url2 + list, shortLived).statusCode()).isEqualTo(200); // now cached on replica 2

        assertThat(send(https, "DELETE", url1 + "/usm/v1/api-keys/" + id, null, admin).statusCode()).isEqualTo(204);

        Awaitility.await("replica 2 refuses the deleted key").atMost(ApiKeys.REVALIDATE_AFTER.plusSeconds(10))
                .pollInterval(Duration.ofMillis(250)).until(() -> get(https, url2 + list, shortLived).statusCode()
                        == 401);
    }

    private static void bothReplicasSignFormsAlike(HttpClient https, String url1, String url2, ApiKeyCredentials admin,
                                                   String usmcc) throws Exception {
        // a console session opened on replica 1 is good on replica 2, and both sign its forms alike
        String form = "api_key=" + URLEncoder.encode(admin.key(), StandardCharsets.UTF_8) + "&api_secret="
                + URLEncoder.encode(admin.secret(), StandardCharsets.UTF_8);
        HttpResponse<String> login = https.send(HttpRequest.newBuilder(URI.create(url1 + "/ui/login"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow(() ->
                new AssertionError("console login on replica 1 failed: " + login.statusCode()));
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        String page = "/ui/connect-clusters/" + usmcc;
        HttpResponse<String> first = https.send(HttpRequest.newBuilder(URI.create(url1 + page))
                .timeout(Duration.ofSeconds(20)).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> second = https.send(HttpRequest.newBuilder(URI.create(url2 + page))
                .timeout(Duration.ofSeconds(20)).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).as("replica 2 accepts replica 1's session").isEqualTo(200);
        Matcher one = CSRF.matcher(first.body());
        Matcher two = CSRF.matcher(second.body());
        assertThat(one.find()).isTrue();
        assertThat(two.find()).isTrue();
        assertThat(two.group(1)).isEqualTo(one.group(1));
    }

    private static MetadataEvent snapshot(String name, Instant epoch, long sequence, Instant time, Random random,
                                          int worker) {
        ConnectorState state = random.nextBoolean() ? ConnectorState.RUNNING : ConnectorState.PAUSED;
        TreeMap<String, String> config = new TreeMap<>(Map.of("connector.class", "FileStreamSource",
                "topic", "t-" + worker + "-" + sequence));
        String workerId = "worker-" + worker + ":8083";
        return new MetadataEvent(UUID.randomUUID().toString(), REF, workerId, epoch, sequence, time, name,
                ConnectorSnapshot.builder()
                        .name(name)
                        .connectorClass("org.example.FileStreamSource")
                        .connectorType(ConnectorType.SOURCE)
                        .state(state)
                        .workerId(workerId)
                        .tasks(List.of(new TaskSnapshot(0, state, workerId, null)))
                        .config(config)
                        .configFingerprint(ConfigFingerprint.of(config))
                        .cause(ChangeCause.RESYNC)
                        .build());
    }

    private static Path endpointProperties(Path dir, LeafFiles server, DatabaseSettings database) throws IOException {
        Properties p = new Properties();
        p.setProperty(EndpointConfig.PORT_CONFIG, "0");
        p.setProperty(EndpointConfig.SSL_KEYSTORE_LOCATION_CONFIG, server.keystore().toString());
        p.setProperty(EndpointConfig.SSL_KEYSTORE_PASSWORD_CONFIG, new String(server.password()));
        p.setProperty(EndpointConfig.DATABASE_URL_CONFIG, database.url());
        p.setProperty(EndpointConfig.DATABASE_USER_CONFIG, database.user());
        p.setProperty(EndpointConfig.DATABASE_PASSWORD_CONFIG, "${env:" + TestPostgres.PASSWORD_ENV + "}");
        p.setProperty(EndpointConfig.DEFAULT_ENVIRONMENT_CONFIG, ENV);
        p.setProperty(EndpointConfig.API_KEY_HASH_ITERATIONS_CONFIG, "10000");
        return write(dir.resolve("endpoint.properties"), p);
    }

    private static Path agentProperties(Path dir, LeafFiles server, int balancerPort, ApiKeyCredentials key)
            throws IOException {
        Files.createDirectories(dir);
        String password = "${file:" + server.passwordFile() + ":jksPassword}";
        Properties p = new Properties();
        p.setProperty(AgentConfig.DATA_HOST_CONFIG, "127.0.0.1");
        p.setProperty(AgentConfig.DATA_PORT_CONFIG, "0");
        p.setProperty(AgentConfig.CONTROL_PORT_CONFIG, "0");
        p.setProperty(AgentConfig.SSL_KEYSTORE_LOCATION_CONFIG, server.keystore().toString());
        p.setProperty(AgentConfig.SSL_KEYSTORE_PASSWORD_CONFIG, password);
        p.setProperty(AgentConfig.SSL_TRUSTSTORE_LOCATION_CONFIG, server.truststore().toString());
        p.setProperty(AgentConfig.SSL_TRUSTSTORE_PASSWORD_CONFIG, password);
        p.setProperty(AgentConfig.SPOOL_DIR_CONFIG, dir.resolve("spool").toString());
        p.setProperty(AgentConfig.ENDPOINT_URL_CONFIG, "https://localhost:" + balancerPort);
        p.setProperty(AgentConfig.ENDPOINT_ENVIRONMENT_CONFIG, ENV);
        p.setProperty(AgentConfig.ENDPOINT_API_KEY_CONFIG, key.key());
        p.setProperty(AgentConfig.ENDPOINT_API_SECRET_CONFIG, key.secret());
        p.setProperty(AgentConfig.ENDPOINT_TRUSTSTORE_LOCATION_CONFIG, server.truststore().toString());
        p.setProperty(AgentConfig.ENDPOINT_TRUSTSTORE_PASSWORD_CONFIG, password);
        p.setProperty(AgentConfig.REGISTRATIONS_REFRESH_CONFIG, "1000");
        p.setProperty(AgentConfig.FORWARD_BACKOFF_INITIAL_CONFIG, "50");
        p.setProperty(AgentConfig.FORWARD_BACKOFF_MAX_CONFIG, "500");
        return write(dir.resolve("agent.properties"), p);
    }

    private static Path write(Path file, Properties p) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, "ReplicasIT");
        }
        return file;
    }

    private static ChildJvm start(List<ChildJvm> children, ChildJvm child) {
        children.add(child);
        return child;
    }

    private static int port(String url) {
        return URI.create(url).getPort();
    }

    private static SSLContext trusting(LeafFiles server) throws GeneralSecurityException {
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, TlsContexts.trustManagers(server.truststore(), server.password()), null);
        return ssl;
    }

    private static HttpResponse<String> get(HttpClient https, String url, ApiKeyCredentials as) throws Exception {
        return send(https, "GET", url, null, as);
    }

    private static HttpResponse<String> send(HttpClient https, String method, String url, String body,
                                             ApiKeyCredentials as) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Authorization", TestEndpoint.basic(as.key(), as.secret()))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return https.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

}
