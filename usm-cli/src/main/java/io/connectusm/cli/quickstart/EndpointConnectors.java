package io.connectusm.cli.quickstart;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.connectusm.certs.LeafFiles;
import io.connectusm.certs.StorePasswordFile;
import io.connectusm.certs.TlsContexts;

/**
 * What the endpoint's read API shows of the quickstart's Connect cluster, read over HTTPS with the admin key as a
 * user would: the quickstart waits on it so that the sample changes come after the endpoint has seen the samples
 * run, and the history shows both. Thread-safe.
 */
final class EndpointConnectors {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http;
    private final URI connectors;
    private final String authorization;

    EndpointConnectors(String baseUrl, String usmConnectClusterId, String apiKey, String apiSecret, Path caDir) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(trusting(caDir)).build();
        this.connectors = URI.create(baseUrl + "/usm/v1/connect-clusters/" + usmConnectClusterId + "/connectors");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (apiKey + ":" + apiSecret).getBytes(StandardCharsets.UTF_8));
    }

    /** Connector name to state, as the endpoint has it now. */
    Map<String, String> states() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(connectors).header("Authorization",
                authorization).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("the endpoint answered " + response.statusCode());
        }
        Map<String, String> states = new HashMap<>();
        for (JsonNode connector : MAPPER.readTree(response.body()).path("data")) {
            states.put(connector.path("name").asText(), connector.path("state").asText());
        }
        return states;
    }

    /** Trusts the quickstart CA through its trust store, as every other TLS client of the quickstart does. */
    private static SSLContext trusting(Path caDir) {
        char[] password = StorePasswordFile.read(caDir.resolve(StorePasswordFile.FILE_NAME));
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, TlsContexts.trustManagers(caDir.resolve(LeafFiles.TRUSTSTORE), password), null);
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot create a TLS context", e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
