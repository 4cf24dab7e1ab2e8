package io.connectusm.endpoint.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.connectusm.endpoint.TestEndpoint;
import io.connectusm.endpoint.auth.ApiKeyCredentials;
import io.connectusm.endpoint.auth.ApiRole;

/**
 * The web page's "Register Connect cluster" and "Deregister" forms, posted as a browser would (form encoding,
 * basic auth) over real HTTPS: CSRF token required and tied to the API key, the typed name checked by the server.
 */
class WebFormsTest {

    private static final Pattern TOKEN = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"");
    private static final String FORM = "application/x-www-form-urlencoded";

    @RegisterExtension
    static final TestEndpoint endpoint = new TestEndpoint();

    private static void sighted(String env, String kafkaId, String connectId) {
        HttpResponse<String> r = endpoint.send("POST", "/usm/v1/sightings", "{\"sightings\":[{\"kafka_cluster_id\":\""
                + kafkaId + "\",\"connect_cluster_id\":\"" + connectId + "\",\"connector_count\":2,\"first_seen\":"
                + "\"2026-11-20T10:00:00Z\",\"last_seen\":\"2026-11-20T10:01:00Z\",\"environment\":{\"id\":\"" + env
                + "\"}}]}", endpoint.agent);
        assertThat(r.statusCode()).isEqualTo(204);
    }

    private static String tokenOn(String page, ApiKeyCredentials as) {
        HttpResponse<String> r = endpoint.send("GET", page, null, as);
        assertThat(r.statusCode()).isEqualTo(200);
        Matcher m = TOKEN.matcher(r.body());
        assertThat(m.find()).as("a form with a CSRF token on " + page).isTrue();
        return m.group(1);
    }

    private static HttpResponse<String> postForm(String path, Map<String, String> fields, ApiKeyCredentials as) {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return endpoint.sendRaw("POST", path, body, TestEndpoint.basic(as.key(), as.secret()), FORM);
    }

    private static Map<String, String> registration(String token, String connectId, String kafkaId) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (token != null) {
            fields.put("csrf_token", token);
        }
        fields.put("connect_cluster_id", connectId);
        fields.put("kafka_cluster_id", kafkaId);
        fields.put("cloud", "GCP");
        fields.put("region", "europe-west1");
        return fields;
    }

    private static JsonNode connectClusters(String env) {
        return TestEndpoint.json(endpoint.send("GET", "/usm/v1/connect-clusters?environment=" + env, null,
                endpoint.admin)).get("data");
    }

    @Test
    void registersASightedClusterUnderTheChosenKafkaCluster() {
        endpoint.registerKafka("env-form", "kafka-form");
        sighted("env-form", "kafka-form", "connect-form");
        HttpResponse<String> page = endpoint.send("GET", "/ui/environments/env-form", null, endpoint.admin);
        assertThat(page.body()).contains("<button>Register Connect cluster</button>")
                .contains("<input type=\"hidden\" name=\"connect_cluster_id\" value=\"connect-form\">")
                .contains("<option value=\"kafka-form\" selected>");
        String token = tokenOn("/ui/environments/env-form", endpoint.admin);

        assertThat(page.body()).contains("<label>Name <input name=\"display_name\" maxlength=\"255\" "
                + "placeholder=\"connect-form\"></label>");
        Map<String, String> fields = registration(token, "connect-form", "kafka-form");
        fields.put("display_name", "orders <b>eu</b>");

        HttpResponse<String> r = postForm("/ui/environments/env-form/connect-clusters", fields, endpoint.admin);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        JsonNode clusters = connectClusters("env-form");
        assertThat(clusters).hasSize(1);
        JsonNode c = clusters.get(0);
        assertThat(c.get("display_name").asText()).isEqualTo("orders <b>eu</b>");
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).isEqualTo("/ui/connect-clusters/" + c.get("id").asText() + "?done=registered");
        // the page the redirect leads to says it worked, the operator's name escaped
        assertThat(endpoint.send("GET", location, null, endpoint.admin).body()).contains("<p class=\"notice "
                + "notice-ok\" role=\"status\">Registered Connect cluster orders &lt;b&gt;eu&lt;/b&gt; as "
                + c.get("id").asText() + ".");
        assertThat(endpoint.send("GET", "/ui/connect-clusters/" + c.get("id").asText(), null, endpoint.admin)
                .body()).doesNotContain("role=\"status\"");
        assertThat(c.get("confluent_platform_connect_cluster_id").asText()).isEqualTo("connect-form");
        assertThat(c.get("kafka_cluster_id").asText()).isEqualTo("kafka-form");
        assertThat(c.get("cloud").asText()).isEqualTo("GCP");
        assertThat(c.get("region").asText()).isEqualTo("europe-west1");
        assertThat(endpoint.send("GET", "/ui/environments/env-form", null, endpoint.admin).body())
                .doesNotContain("value=\"connect-form\"");
    }

    @Test
    void aFormWithoutTheCallersCsrfTokenChangesNothing() {
        endpoint.registerKafka("env-csrf", "kafka-csrf");
        sighted("env-csrf", "kafka-csrf", "connect-csrf");
        ApiKeyCredentials otherAdmin = endpoint.endpoint().apiKeys().create(ApiRole.ADMIN, "other admin");
        String othersToken = tokenOn("/ui/environments/env-csrf", otherAdmin);

        HttpResponse<String> missing = postForm("/ui/environments/env-csrf/connect-clusters",
                registration(null, "connect-csrf", "kafka-csrf"), endpoint.admin);
        HttpResponse<String> forged = postForm("/ui/environments/env-csrf/connect-clusters",
                registration("AAAA" + othersToken.substring(4), "connect-csrf", "kafka-csrf"), endpoint.admin);
        HttpResponse<String> someoneElses = postForm("/ui/environments/env-csrf/connect-clusters",
                registration(othersToken, "connect-csrf", "kafka-csrf"), endpoint.admin);

        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(missing.body()).contains("security token is missing or not valid");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(someoneElses.statusCode()).isEqualTo(403);
        assertThat(connectClusters("env-csrf")).isEmpty();
    }

    @Test
    void anAgentKeyCannotPostForms() {
        HttpResponse<String> r = postForm("/ui/environments/env-agent/connect-clusters",
                registration("x", "connect-x", "kafka-x"), endpoint.agent);

        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void aRefusedRegistrationSaysWhyOnAnEscapedPage() {
        endpoint.registerKafka("env-refuse", "kafka-refuse");
        sighted("env-refuse", "kafka-refuse", "connect-r");
        String token = tokenOn("/ui/environments/env-refuse", endpoint.admin);
        Map<String, String> fields = registration(token, "connect-r", "kafka-refuse");
        fields.put("region", "<b>EU</b>");

        HttpResponse<String> r = postForm("/ui/environments/env-refuse/connect-clusters", fields, endpoint.admin);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(r.body()).contains("region must be lower-case letters, digits and '-', like us-east-1")
                .doesNotContain("<b>EU</b>");
        assertThat(connectClusters("env-refuse")).isEmpty();
    }

    @Test
    void deregistersOnlyWhenTheTypedNameMatchesExactly() {
        endpoint.registerKafka("env-dereg", "kafka-dereg");
        String name = "<img src=x onerror=alert(1)> prod";
        HttpResponse<String> created = endpoint.send("POST", "/usm/v1/connect-clusters",
                "{\"confluent_platform_connect_cluster_id\":\"connect-dereg\",\"kafka_cluster_id\":\"kafka-dereg\","
                        + "\"display_name\":\"" + name + "\",\"environment\":{\"id\":\"env-dereg\"}}", endpoint.admin);
        String usmcc = TestEndpoint.json(created).get("id").asText();
        String page = "/ui/connect-clusters/" + usmcc;
        HttpResponse<String> shown = endpoint.send("GET", page, null, endpoint.admin);
        assertThat(shown.body()).contains("&lt;img src=x onerror=alert(1)&gt; prod").doesNotContain("<img")
                .contains("<button>Deregister</button>");
        String token = tokenOn(page, endpoint.admin);

        HttpResponse<String> wrong = postForm(page + "/deregister",
                Map.of("csrf_token", token, "confirm_name", "<IMG src=x onerror=alert(1)> prod"), endpoint.admin);
        HttpResponse<String> noToken = postForm(page + "/deregister", Map.of("confirm_name", name), endpoint.admin);

        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("does not match").doesNotContain("<img").doesNotContain("<IMG");
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(endpoint.send("GET", "/usm/v1/connect-clusters/" + usmcc, null, endpoint.admin).statusCode())
                .isEqualTo(200);

        HttpResponse<String> right = postForm(page + "/deregister", Map.of("csrf_token", token, "confirm_name", name),
                endpoint.admin);

        assertThat(right.statusCode()).isEqualTo(303);
        String location = right.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/ui/environments/env-dereg?done=deregistered&name=");
        assertThat(endpoint.send("GET", location, null, endpoint.admin).body()).contains("<p class=\"notice "
                + "notice-ok\" role=\"status\">Deregistered Connect cluster " + name.replace("<", "&lt;")
                .replace(">", "&gt;") + ":").doesNotContain("<img").doesNotContain("<IMG");
        assertThat(endpoint.send("GET", "/usm/v1/connect-clusters/" + usmcc, null, endpoint.admin).statusCode())
                .isEqualTo(404);
    }

    @Test
    void withoutARegisteredKafkaClusterThePageSaysToRegisterOneFirst() {
        sighted("env-nokafka", "kafka-none", "connect-none");

        HttpResponse<String> page = endpoint.send("GET", "/ui/environments/env-nokafka", null, endpoint.admin);

        assertThat(page.body()).contains("No Kafka cluster is registered in env-nokafka: register it first with "
                + "<code>usm kafka register</code>.").doesNotContain("<button>Register Connect cluster</button>");
    }
}
