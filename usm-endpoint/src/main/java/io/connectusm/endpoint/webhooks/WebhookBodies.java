package io.connectusm.endpoint.webhooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.connectusm.endpoint.store.TransitionKind;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns an outbox payload (the transition's names, states and time, see
 * {@link io.connectusm.endpoint.store.WebhookOutbox}) into the body of one format: a CloudEvents 1.0 structured JSON
 * event whose {@code id} is the idempotency key and whose {@code data} is the payload, or a Slack/Mattermost
 * {@code {"text": …}} line. Only what the payload holds goes out, and the payload holds no secret. Stateless.
 */
final class WebhookBodies {

    /** The content type of a structured CloudEvent. */
    static final String CLOUDEVENTS_JSON = "application/cloudevents+json";
    static final String JSON = "application/json";
    /** The CloudEvents type prefix; the transition's wire name follows. */
    static final String TYPE_PREFIX = "io.connectusm.alert.";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WebhookBodies() {
    }

    static String contentType(WebhookConfig.Format format) {
        return format == WebhookConfig.Format.CLOUDEVENTS ? CLOUDEVENTS_JSON : JSON;
    }

    static byte[] body(WebhookConfig.Format format, TransitionKind kind, String payloadJson) {
        Map<String, Object> payload = parse(payloadJson);
        Map<String, Object> body = new LinkedHashMap<>();
        if (format == WebhookConfig.Format.CLOUDEVENTS) {
            body.put("specversion", "1.0");
            body.put("id", payload.get("idempotency_key"));
            body.put("source", "/usm/" + payload.getOrDefault("environment", "unknown") + "/"
                    + payload.get("connect_cluster"));
            body.put("type", TYPE_PREFIX + kind.wireName());
            if (payload.get("connector") != null) {
                body.put("subject", payload.get("connector"));
            }
            body.put("time", payload.get("time"));
            body.put("datacontenttype", JSON);
            body.put("data", payload);
        } else {
            body.put("text", text(kind, payload));
        }
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException("a map of strings always serializes", e);
        }
    }

    /**
     * The body of a test delivery ({@code usm endpoint webhook test}): a CloudEvent of type
     * {@code io.connectusm.alert.test}, or a chat line saying it is a test, so a receiver's routing can tell it from
     * an alert.
     */
    static byte[] testBody(WebhookConfig.Format format, String webhook, String idempotencyKey, String time) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (format == WebhookConfig.Format.CLOUDEVENTS) {
            body.put("specversion", "1.0");
            body.put("id", idempotencyKey);
            body.put("source", "/usm/webhooks/" + webhook);
            body.put("type", TYPE_PREFIX + "test");
            body.put("time", time);
            body.put("datacontenttype", JSON);
            body.put("data", Map.of("webhook", webhook, "test", true));
        } else {
            body.put("text", ":white_check_mark: test delivery of connect-usm webhook " + webhook + " at " + time);
        }
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException("a map of strings always serializes", e);
        }
    }

    /** One line for a chat: what happened, to what, where, when. */
    static String text(TransitionKind kind, Map<String, Object> p) {
        String cluster = "Connect cluster " + p.getOrDefault("connect_cluster_name", p.get("connect_cluster"))
                + " (" + p.get("connect_cluster") + ", " + p.getOrDefault("environment", "?") + ")";
        String connector = "connector " + p.get("connector");
        String what = switch (kind) {
            case CONNECTOR_FAILED -> ":red_circle: " + connector + " FAILED";
            case TASK_FAILED -> ":red_circle: task " + p.get("task") + " of " + connector + " FAILED";
            case CONNECTOR_RECOVERED -> ":large_green_circle: " + connector + " recovered (" + p.get("state") + ")";
            case CONNECTOR_DELETED -> ":wastebasket: " + connector + " deleted";
            case CONFIG_CHANGED -> ":pencil2: " + connector + " config changed";
            case CLUSTER_STALE -> ":warning: no report since " + p.get("time") + " from";
        };
        String at = kind == TransitionKind.CLUSTER_STALE ? "" : " at " + p.get("time");
        return what + (kind == TransitionKind.CLUSTER_STALE ? " " : " on ") + cluster + at;
    }

    private static Map<String, Object> parse(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new IllegalArgumentException("outbox payload is not JSON", e);
        }
    }
}
