package io.connectusm.endpoint.webhooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.connectusm.endpoint.store.TransitionKind;

import org.apache.kafka.common.config.ConfigException;

/**
 * Sends one body to one webhook: {@code POST} with {@code Content-Type} of its format, {@code Idempotency-Key} and
 * {@code X-USM-Idempotency-Key} (the same for every retry and replica of one transition), {@code X-USM-Timestamp}
 * (Unix seconds) and, when the webhook has a secret, {@code X-USM-Signature-256: sha256=HEX} over
 * {@code TIMESTAMP + "." + BODY} so a receiver can check origin, integrity and freshness.
 *
 * <p>What it reports back ({@link Result#error()}) names the status or the exception's type and never the URL,
 * which may be a credential. Thread-safe (the JDK's {@link HttpClient} is). Lifecycle: lives as long as the
 * endpoint; the secret is read once, when built.
 */
public final class WebhookSender {

    static final String SIGNATURE_HEADER = "X-USM-Signature-256";
    static final String TIMESTAMP_HEADER = "X-USM-Timestamp";
    static final String IDEMPOTENCY_HEADER = "X-USM-Idempotency-Key";
    private static final int MIN_SECRET_BYTES = 16;

    private final WebhookConfig config;
    private final byte[] secret;
    private final HttpClient client;
    private final Clock clock;

    /** What one attempt did: {@code error} is {@code null} on a 2xx. */
    public record Result(int status, String error) {
        public boolean delivered() {
            return error == null;
        }
    }

    /**
     * @throws ConfigException when the secret file cannot be read or is too short (naming the key, not the secret)
     */
    public WebhookSender(WebhookConfig config, Clock clock) {
        this.config = config;
        this.secret = readSecret(config);
        this.client = HttpClient.newBuilder().connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.clock = clock;
    }

    private static byte[] readSecret(WebhookConfig config) {
        Path file = config.secretFile();
        if (file == null) {
            return null;
        }
        String key = WebhookConfig.PREFIX + config.name() + "." + WebhookConfig.SECRET_FILE_CONFIG;
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < MIN_SECRET_BYTES) {
                throw new ConfigException(key + ": the secret in " + file + " is shorter than " + MIN_SECRET_BYTES
                        + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new ConfigException(key + ": cannot read " + file + ": " + e.getClass().getSimpleName());
        }
    }

    public String name() {
        return config.name();
    }

    /** Sends the body of a queued payload. */
    public Result send(TransitionKind kind, String idempotencyKey, String payloadJson) {
        return post(WebhookBodies.body(config.format(), kind, payloadJson), idempotencyKey);
    }

    /**
     * Posts one signed test delivery now (not through the outbox), as {@code usm endpoint webhook test} does: the
     * same headers, signature and timeout as an alert, a body that says it is a test.
     */
    public Result sendTest() {
        String key = "test-" + java.util.UUID.randomUUID();
        return post(WebhookBodies.testBody(config.format(), config.name(), key, clock.instant().toString()), key);
    }

    /** Posts {@code body} once; never throws for a network or HTTP failure. */
    Result post(byte[] body, String idempotencyKey) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(config.url())).timeout(config.timeout());
        } catch (IllegalArgumentException e) {
            return new Result(0, "the URL is not valid");
        }
        request.header("Content-Type", WebhookBodies.contentType(config.format()))
                .header("User-Agent", "connect-usm-endpoint")
                .header("Idempotency-Key", idempotencyKey)
                .header(IDEMPOTENCY_HEADER, idempotencyKey)
                .header(TIMESTAMP_HEADER, timestamp);
        if (secret != null) {
            request.header(SIGNATURE_HEADER, "sha256=" + sign(secret, timestamp, body));
        }
        try {
            HttpResponse<Void> response = client.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status / 100 == 2 ? new Result(status, null) : new Result(status, "HTTP " + status);
        } catch (IOException e) {
            return new Result(0, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(0, "interrupted");
        }
    }

    /** {@code HEX(HMAC-SHA256(secret, timestamp + "." + body))}. */
    static String sign(byte[] secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
