package io.connectusm.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code basicAuth(key, Supplier<char[]>)}: the secret is asked for at every request (a rotated secret file is used
 * from the next call on, as the agent's {@code endpoint.api.secret=${file:…}} promises), the array handed over is
 * wiped, and a supplier that fails ends that call without a request going out.
 */
class RotatingSecretTest {

    HttpServer server;
    final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void eachRequestCarriesTheSecretOfThatMomentAndTheArrayIsWiped() {
        AtomicReference<String> current = new AtomicReference<>("first-secret");
        List<char[]> handedOut = new ArrayList<>();
        UsmApiClient client = UsmApiClient.builder("http://127.0.0.1:" + server.getAddress().getPort())
                .basicAuth("AGENTKEY", () -> {
                    char[] secret = current.get().toCharArray();
                    handedOut.add(secret);
                    return secret;
                }).build();

        client.reportSightings(JsonNodeFactory.instance.objectNode());
        current.set("rotated-sécret");
        client.postEvents("[]".getBytes(StandardCharsets.UTF_8));

        assertThat(authorizations).containsExactly(basic("AGENTKEY:first-secret"), basic("AGENTKEY:rotated-sécret"));
        assertThat(handedOut).hasSize(2).allSatisfy(secret -> assertThat(new String(secret)).as("wiped")
                .matches("\0+"));
    }

    @Test
    void aSupplierThatFailsEndsTheCallBeforeAnyRequest() {
        UsmApiClient client = UsmApiClient.builder("http://127.0.0.1:" + server.getAddress().getPort())
                .basicAuth("AGENTKEY", () -> {
                    throw new IllegalStateException("the secret file is gone");
                }).build();
        assertThatThrownBy(() -> client.postEvents("[]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalStateException.class).hasMessage("the secret file is gone");
        assertThat(authorizations).isEmpty();
    }

    private static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
}
