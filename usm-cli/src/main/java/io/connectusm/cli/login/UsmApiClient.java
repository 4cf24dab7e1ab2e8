package io.connectusm.cli.login;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.connectusm.cli.output.UsmCliException;

/**
 * A small client of the endpoint's {@code usm/v1} API for the CLI: basic auth with the API key and secret,
 * optional extra CA (PEM) to trust, JSON in and out, and every failure turned into a {@link UsmCliException}
 * carrying the endpoint's human detail. The secret lives only in the Authorization header value; it is never
 * part of a message. Thread-safe; bounded timeouts.
 */
public final class UsmApiClient {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI baseUrl;
    private final String authorization;
    private final HttpClient http;

    UsmApiClient(String baseUrl, String apiKey, String apiSecret, Path caCert) {
        this.baseUrl = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        this.authorization = apiKey == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (apiKey + ":" + apiSecret).getBytes(StandardCharsets.UTF_8));
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(TIMEOUT);
        if (caCert != null) {
            builder.sslContext(trusting(caCert));
        }
        this.http = builder.build();
    }

    /** A client without credentials, e.g. for the agent's loopback control plane. */
    public static UsmApiClient anonymous(String baseUrl) {
        return new UsmApiClient(baseUrl, null, null, null);
    }

    static SSLContext trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, cert);
            }
            if (i == 0) {
                throw new UsmCliException("no certificate in " + pem);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (IOException | GeneralSecurityException e) {
            throw new UsmCliException("cannot use CA certificate " + pem + ": " + e.getMessage());
        }
    }

    public String baseUrl() {
        return baseUrl.toString();
    }

    public JsonNode get(String path) {
        return send(request(path).GET());
    }

    public JsonNode post(String path, JsonNode body) {
        try {
            return send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void delete(String path) {
        send(request(path).DELETE());
    }

    /** Every item of a paged {@code usm/v1} list, following {@code metadata.next}. */
    public List<JsonNode> listAll(String collectionPath, String environment) {
        List<JsonNode> items = new ArrayList<>();
        String next = collectionPath + "?environment=" + encode(environment) + "&page_size=100";
        while (next != null) {
            JsonNode page = get(next);
            page.path("data").forEach(items::add);
            JsonNode nextUrl = page.path("metadata").get("next");
            next = nextUrl == null || nextUrl.isNull() ? null : relative(nextUrl.asText());
        }
        return items;
    }

    private String relative(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                .header("Accept", "application/json");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private JsonNode send(HttpRequest.Builder builder) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (SSLException e) {
            throw new UsmCliException("TLS connection to " + baseUrl + " failed (" + e.getMessage()
                    + "); trust the endpoint's CA with --ca-cert or USM_CA_CERT");
        } catch (ConnectException e) {
            throw new UsmCliException("cannot connect to " + baseUrl + ": connection refused");
        } catch (IOException e) {
            throw new UsmCliException("cannot reach " + baseUrl + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsmCliException("interrupted");
        }
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status >= 200 && status < 300) {
            return body;
        }
        if (status == 401) {
            throw new UsmCliException("authentication failed: check the API key and secret");
        }
        JsonNode detail = body == null ? null : body.path("errors").path(0).get("detail");
        throw new UsmCliException(detail != null && detail.isTextual() ? detail.asText()
                : "the endpoint answered HTTP " + status);
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
