package io.connectusm.endpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.connectusm.endpoint.auth.ApiKeyCredentials;
import io.connectusm.endpoint.auth.ApiRole;
import io.connectusm.endpoint.http.Json;
import io.connectusm.endpoint.store.DatabaseSettings;
import io.connectusm.endpoint.testing.DatabaseBound;
import io.connectusm.endpoint.testing.EachDatabase;
import io.connectusm.endpoint.testing.TestDirs;
import io.connectusm.endpoint.testing.TestPostgres;
import io.connectusm.endpoint.testing.Vendor;

import io.connectusm.certs.CaSpec;
import io.connectusm.certs.CertificateAuthority;
import io.connectusm.certs.LeafFiles;
import io.connectusm.certs.LeafSpec;
import io.connectusm.certs.TlsContexts;
import io.connectusm.certs.WriteMode;

/**
 * A real endpoint for tests: HTTPS on loopback with a server certificate issued by a fresh test CA, a real
 * database (an H2 file under {@code dir/data}, or a fresh database on the test PostgreSQL server), an admin and an
 * agent key, and a JDK HTTP client trusting the CA. Restartable on the same database.
 *
 * <p>Either {@link #start(Path) started} by a test, or one per test class as an extension:
 * {@code @RegisterExtension static final TestEndpoint endpoint = new TestEndpoint();} starts before the class's
 * {@code @BeforeAll} methods, in a fresh directory under {@code target/}, and stops (and removes it) after all. In
 * an {@link EachDatabase} class it starts instead before each database's run, on that database.
 */
public final class TestEndpoint implements AutoCloseable, BeforeAllCallback, AfterAllCallback, DatabaseBound {

    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Path dir;
    private LeafFiles leaf;
    private HttpClient client;
    private UsmEndpoint endpoint;
    private boolean ownsDir;
    private SSLContext ssl;
    private final Map<String, String> overrides;
    private DatabaseSettings postgres;
    public ApiKeyCredentials admin;
    public ApiKeyCredentials agent;

    /** Not started yet: register it as an extension (or call {@link #start(Path)} instead). */
    public TestEndpoint() {
        this(Map.of());
    }

    /** Like {@link #TestEndpoint()}, with these configuration keys set (over the test defaults). */
    public TestEndpoint(Map<String, String> overrides) {
        this.overrides = Map.copyOf(overrides);
    }

    public static TestEndpoint start(Path dir) throws Exception {
        TestEndpoint test = new TestEndpoint();
        test.startIn(dir);
        return test;
    }

    private void startIn(Path directory) throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(CaSpec.named("test CA"));
        dir = directory;
        leaf = LeafFiles.write(dir.resolve("server"),
                ca.issue(LeafSpec.server("localhost").dns("localhost").ip("127.0.0.1").build()), ca,
                WriteMode.FAIL_IF_EXISTS);
        try {
            ssl = SSLContext.getInstance("TLS");
            ssl.init(null, TlsContexts.trustManagers(leaf.truststore(), leaf.password()), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        client = HttpClient.newBuilder().sslContext(ssl).connectTimeout(TIMEOUT).build();
        startEndpoint();
        admin = endpoint.apiKeys().create(ApiRole.ADMIN, "test admin");
        agent = endpoint.apiKeys().create(ApiRole.AGENT, "test agent");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!context.getRequiredTestClass().isAnnotationPresent(EachDatabase.class)) {
            ownsDir = true;
            startIn(TestDirs.create("test-endpoints", context.getRequiredTestClass().getSimpleName()));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (!context.getRequiredTestClass().isAnnotationPresent(EachDatabase.class)) {
            stop();
        }
    }

    @Override
    public void startOn(Vendor vendor, Path directory) throws Exception {
        ownsDir = true;
        postgres = vendor == Vendor.POSTGRESQL ? TestPostgres.createDatabase() : null;
        startIn(directory);
    }

    @Override
    public void stop() throws Exception {
        close();
        if (postgres != null) {
            TestPostgres.drop(postgres);
            postgres = null;
        }
        if (ownsDir) {
            TestDirs.deleteTree(dir);
        }
    }

    /** The database this endpoint runs on. */
    public Vendor vendor() {
        return postgres == null ? Vendor.H2 : Vendor.POSTGRESQL;
    }

    public Map<String, Object> configProps() {
        Map<String, Object> props = new HashMap<>();
        props.put(EndpointConfig.PORT_CONFIG, "0");
        props.put(EndpointConfig.DATA_DIR_CONFIG, dir.resolve("data").toString());
        props.put(EndpointConfig.SSL_KEYSTORE_LOCATION_CONFIG, leaf.keystore().toString());
        props.put(EndpointConfig.SSL_KEYSTORE_PASSWORD_CONFIG, new String(leaf.password()));
        props.put(EndpointConfig.DEFAULT_ENVIRONMENT_CONFIG, "env-default1");
        // Fewer PBKDF2 iterations than the default (the same code), so test endpoints and their keys start fast.
        props.put(EndpointConfig.API_KEY_HASH_ITERATIONS_CONFIG, "10000");
        if (postgres != null) {
            props.put(EndpointConfig.DATABASE_URL_CONFIG, postgres.url());
            props.put(EndpointConfig.DATABASE_USER_CONFIG, postgres.user());
            // as an operator would give it: by reference, here to the variable bin/verify exports
            props.put(EndpointConfig.DATABASE_PASSWORD_CONFIG, "${env:" + TestPostgres.PASSWORD_ENV + "}");
        }
        props.putAll(overrides);
        return props;
    }

    public String keystorePassword() {
        return new String(leaf.password());
    }

    private void startEndpoint() throws InterruptedException {
        endpoint = UsmEndpoint.start(new EndpointConfig(configProps()));
    }

    public void restart() throws InterruptedException {
        consoleCookies.clear();
        endpoint.close();
        startEndpoint();
    }

    public UsmEndpoint endpoint() {
        return endpoint;
    }

    public Path caPem() {
        return leaf.caPem();
    }

    public HttpResponse<String> send(String method, String path, String body, ApiKeyCredentials creds) {
        return sendRaw(method, path, body, creds == null ? null : basic(creds.key(), creds.secret()), "application/json");
    }

    /**
     * Like {@link #send}, with a raw Authorization header. On the console ({@code /ui/…}), which takes no basic
     * credentials, basic credentials are swapped for the session cookie of that key (logged in once, through the
     * login form, and kept).
     */
    public HttpResponse<String> sendRaw(String method, String path, String body, String authorization, String contentType) {
        String cookie = null;
        if (path.startsWith("/ui") && !path.startsWith("/ui/login") && authorization != null
                && authorization.startsWith("Basic ")) {
            cookie = consoleCookie(authorization);
            authorization = null;
        }
        Map<String, String> headers = new HashMap<>();
        if (body != null && contentType != null) {
            headers.put("Content-Type", contentType);
        }
        if (cookie != null) {
            headers.put("Cookie", cookie);
        }
        return sendWith(method, path, body, authorization, headers);
    }

    private final Map<String, String> consoleCookies = new java.util.concurrent.ConcurrentHashMap<>();

    /** The console session cookie ({@code usm_session=…}) of the key in a basic Authorization header. */
    public String consoleCookie(String basicAuthorization) {
        return consoleCookies.computeIfAbsent(basicAuthorization, auth -> {
            String pair = new String(Base64.getDecoder().decode(auth.substring("Basic ".length())),
                    StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            String form = "api_key=" + java.net.URLEncoder.encode(pair.substring(0, colon), StandardCharsets.UTF_8)
                    + "&api_secret=" + java.net.URLEncoder.encode(pair.substring(colon + 1), StandardCharsets.UTF_8);
            HttpResponse<String> in = sendWith("POST", "/ui/login", form, null,
                    Map.of("Content-Type", "application/x-www-form-urlencoded"));
            String setCookie = in.headers().firstValue("Set-Cookie").orElseThrow(() ->
                    new AssertionError("console login failed: " + in.statusCode()));
            return setCookie.substring(0, setCookie.indexOf(';'));
        });
    }

    /** The TLS context of this endpoint's clients (trusts its test CA), e.g. for raw sockets. */
    public SSLContext sslContext() {
        return ssl;
    }

    /** Sends a request with extra headers (e.g. Origin, Sec-Fetch-Site, Cookie). */
    public HttpResponse<String> sendWith(String method, String path, String body, String authorization,
                                         Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + path)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return exchange(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> sendBytes(String path, byte[] body, ApiKeyCredentials creds, String contentType) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + path)).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType)
                .header("Authorization", basic(creds.key(), creds.secret())).build();
        return exchange(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A GET with extra request headers, answered as raw bytes (e.g. to see a compressed body as sent). */
    public HttpResponse<byte[]> getBytes(String path, ApiKeyCredentials creds, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + path)).timeout(TIMEOUT)
                .GET().header("Authorization", basic(creds.key(), creds.secret()));
        headers.forEach(builder::header);
        return exchange(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return client.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static JsonNode json(HttpResponse<String> response) {
        return Json.tree(response.body());
    }

    /** Registers a Kafka cluster as admin and returns its usmkc- ID. */
    public String registerKafka(String env, String cpKafkaId) {
        HttpResponse<String> r = send("POST", "/usm/v1/kafka-clusters", "{\"confluent_platform_kafka_cluster_id\":\""
                + cpKafkaId + "\",\"display_name\":\"kafka " + cpKafkaId + "\",\"cloud\":\"aws\",\"region\":"
                + "\"us-east-1\",\"environment\":{\"id\":\"" + env + "\"}}", admin);
        if (r.statusCode() != 201) {
            throw new AssertionError("kafka registration failed: " + r.statusCode() + " " + r.body());
        }
        return json(r).get("id").asText();
    }

    public HttpResponse<String> registerConnect(String env, String cpKafkaId, String cpConnectId) {
        return send("POST", "/usm/v1/connect-clusters", "{\"confluent_platform_connect_cluster_id\":\"" + cpConnectId
                + "\",\"kafka_cluster_id\":\"" + cpKafkaId + "\",\"environment\":{\"id\":\"" + env + "\"}}", admin);
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        if (endpoint != null) {
            endpoint.close();
            endpoint = null;
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
