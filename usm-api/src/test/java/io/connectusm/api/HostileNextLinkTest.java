package io.connectusm.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A hostile (or misconfigured) endpoint whose {@code metadata.next} names another origin, written to make the
 * client send its API key elsewhere: another port, host spelling, scheme, user-info tricks, scheme-relative and
 * backslash links, loops. A second server on loopback records every request that reaches it: none may.
 */
class HostileNextLinkTest {

    static final String KEY = "HOSTILEKEY000001";
    static final String SECRET = "hostile-secret-canary";

    HttpServer api;
    HttpServer elsewhere;
    final List<String> apiRequests = Collections.synchronizedList(new ArrayList<>());
    final List<String> elsewhereRequests = Collections.synchronizedList(new ArrayList<>());
    final AtomicReference<Function<Integer, String>> nextLink = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/", exchange -> {
            apiRequests.add(exchange.getRequestURI().toString());
            String query = exchange.getRequestURI().getRawQuery();
            int page = query != null && query.contains("page_token=") ? Integer.parseInt(
                    query.replaceAll(".*page_token=(\\d+).*", "$1")) : 0;
            String next = nextLink.get().apply(page);
            respond(exchange, "{\"api_version\":\"usm/v1\",\"kind\":\"KafkaClusterList\",\"metadata\":{"
                    + (next == null ? "" : "\"next\":" + next) + "},\"data\":[{\"id\":\"usmkc-page" + page + "\"}]}");
        });
        api.start();
        elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        elsewhere.createContext("/", exchange -> {
            elsewhereRequests.add(exchange.getRequestURI() + " auth=" + exchange.getRequestHeaders()
                    .getFirst("Authorization"));
            respond(exchange, "{\"data\":[{\"id\":\"usmkc-stolen\"}]}");
        });
        elsewhere.start();
    }

    @AfterEach
    void stop() {
        api.stop(0);
        elsewhere.stop(0);
    }

    private static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private int apiPort() {
        return api.getAddress().getPort();
    }

    private int elsewherePort() {
        return elsewhere.getAddress().getPort();
    }

    private UsmApiClient client() {
        return UsmApiClient.builder("http://127.0.0.1:" + apiPort()).basicAuth(KEY, SECRET).build();
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Links that leave the origin; {@code %A} is the API's port, {@code %E} the other server's. */
    static Stream<String> hostileLinks() {
        return Stream.of(
                "http://127.0.0.1:%E/usm/v1/kafka-clusters?page_token=1",
                "http://localhost:%A/usm/v1/kafka-clusters?page_token=1",
                "https://127.0.0.1:%A/usm/v1/kafka-clusters?page_token=1",
                "//127.0.0.1:%E/usm/v1/kafka-clusters?page_token=1",
                "http://127.0.0.1:%A@127.0.0.1:%E/usm/v1/kafka-clusters?page_token=1",
                "http://user:pw@127.0.0.1:%A/usm/v1/kafka-clusters?page_token=1",
                "http://127.0.0.1:%E\\@127.0.0.1:%A/usm/v1/kafka-clusters?page_token=1",
                "http://127.0.0.1.:%A/usm/v1/kafka-clusters?page_token=1",
                "http://[::1]:%A/usm/v1/kafka-clusters?page_token=1",
                "http://2130706433:%A/usm/v1/kafka-clusters?page_token=1",
                "file:///etc/passwd",
                "javascript:alert(1)",
                "http://127.0.0.1:%E",
                "http:/127.0.0.1:%E/x",
                " http://127.0.0.1:%E/x");
    }

    @ParameterizedTest
    @MethodSource("hostileLinks")
    void aNextLinkToAnotherOriginIsNeverFollowed(String template) {
        String link = template.replace("%A", Integer.toString(apiPort())).replace("%E", Integer.toString(elsewherePort()));
        nextLink.set(page -> page == 0 ? json(link) : null);

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> client().kafkaClusters("env-a"));

        assertThat(elsewhereRequests).as("requests that reached another origin").isEmpty();
        assertThat(apiRequests).as("only the first page was read").hasSize(1);
        assertThat(thrown).as("link %s", link).isInstanceOf(UsmProtocolException.class);
        assertThat(thrown.getMessage()).doesNotContain(SECRET).doesNotContain("pw");
    }

    @Test
    void sameOriginLinksAreFollowedInEverySpelling() {
        String[] spellings = {
            "http://127.0.0.1:%A/usm/v1/kafka-clusters?environment=env-a&page_token=1",
            "HTTP://127.0.0.1:%A/usm/v1/kafka-clusters?page_token=2",
            "/usm/v1/kafka-clusters?page_token=3",
            "kafka-clusters?page_token=4",
        };
        nextLink.set(page -> page < spellings.length ? json(spellings[page].replace("%A",
                Integer.toString(apiPort()))) : null);

        List<KafkaCluster> clusters = client().kafkaClusters("env-a");

        assertThat(clusters).extracting(KafkaCluster::id).containsExactly("usmkc-page0", "usmkc-page1", "usmkc-page2",
                "usmkc-page3", "usmkc-page4");
        assertThat(apiRequests).hasSize(5);
        assertThat(elsewhereRequests).isEmpty();
    }

    @Test
    void aLoopOrALinkThatIsNoStringStopsTheWalk() {
        nextLink.set(page -> json("/usm/v1/kafka-clusters?page_token=" + (page == 0 ? 1 : 0)));
        assertThatThrownBy(() -> client().kafkaClusters("env-a")).isInstanceOf(UsmProtocolException.class)
                .hasMessageContaining("already read");

        nextLink.set(page -> "{\"href\":\"http://127.0.0.1:" + elsewherePort() + "/\"}");
        assertThatThrownBy(() -> client().kafkaClusters("env-a")).isInstanceOf(UsmProtocolException.class)
                .hasMessageContaining("not a URL");
        assertThat(elsewhereRequests).isEmpty();
    }

    @Test
    void redirectsAreNotFollowed() {
        HttpServer redirecting = null;
        try {
            redirecting = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            redirecting.createContext("/", exchange -> {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + elsewherePort() + "/steal");
                exchange.sendResponseHeaders(307, -1);
                exchange.close();
            });
            redirecting.start();
            UsmApiClient client = UsmApiClient.builder("http://127.0.0.1:" + redirecting.getAddress().getPort())
                    .basicAuth(KEY, SECRET).build();

            assertThatThrownBy(() -> client.kafkaClusters("env-a")).isInstanceOfSatisfying(UsmApiException.class,
                    e -> assertThat(e.status()).isEqualTo(307));
            assertThat(elsewhereRequests).isEmpty();
        } catch (IOException e) {
            throw new AssertionError(e);
        } finally {
            if (redirecting != null) {
                redirecting.stop(0);
            }
        }
    }
}
