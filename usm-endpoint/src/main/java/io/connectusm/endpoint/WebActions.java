package io.connectusm.endpoint;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web page's state-changing forms: "Register Connect cluster" for a sighted cluster and "Deregister", which
 * only proceeds when the typed name equals the cluster's name exactly (checked here, not in the browser). Every
 * post must carry the caller's {@link CsrfTokens} token (403 otherwise, before anything is read or changed).
 * Success answers 303 to the page that shows the result; a refused form answers an HTML page saying why.
 * Thread-safe (stateless over the stores).
 */
final class WebActions {

    static final String CONNECT_CLUSTER_FIELD = "connect_cluster_id";
    static final String KAFKA_CLUSTER_FIELD = "kafka_cluster_id";
    static final String CLOUD_FIELD = "cloud";
    static final String REGION_FIELD = "region";
    static final String CONFIRM_NAME_FIELD = "confirm_name";

    private static final Logger log = LoggerFactory.getLogger(WebActions.class);

    private final RegistrationStore registrations;
    private final CsrfTokens csrf;

    WebActions(RegistrationStore registrations, CsrfTokens csrf) {
        this.registrations = registrations;
        this.csrf = csrf;
    }

    /** Handles a form post to {@code seg} (decoded path segments starting with {@code ui}) by {@code caller}. */
    ApiResponse handle(List<String> seg, byte[] body, Authenticator.Principal caller) {
        boolean register = seg.size() == 4 && seg.get(1).equals("environments")
                && seg.get(3).equals("connect-clusters");
        boolean deregister = seg.size() == 4 && seg.get(1).equals("connect-clusters")
                && seg.get(3).equals("deregister");
        if (!register && !deregister) {
            throw UsmApiException.notFound("no such form");
        }
        FormData form = FormData.parse(body);
        if (!csrf.isValid(caller.key(), form.get(CsrfTokens.FIELD))) {
            return WebPages.message(403, "Form refused", "The form's security token is missing or not valid for "
                    + "your API key. Reload the page and submit the form again.", "/ui");
        }
        return register ? register(seg.get(2), form) : deregister(seg.get(2), form);
    }

    private ApiResponse register(String env, FormData form) {
        String back = "/ui/environments/" + WebPages.url(env);
        try {
            if (!EndpointConfig.ENVIRONMENT_PATTERN.matcher(env).matches()) {
                throw UsmApiException.badRequest("environment must look like env-abc123");
            }
            String connectId = InputRules.localId("Connect cluster ID", form.optional(CONNECT_CLUSTER_FIELD));
            String kafkaId = InputRules.localId("Kafka cluster", form.optional(KAFKA_CLUSTER_FIELD));
            String cloud = form.optional(CLOUD_FIELD);
            String region = form.optional(REGION_FIELD);
            ConnectCluster created = registrations.createConnectCluster(env, connectId, kafkaId, null,
                    cloud == null ? null : Cloud.parse("cloud", cloud), region == null ? null : InputRules.region(region));
            log.info("registered Connect cluster {}/{} as {} in {} from the web page", kafkaId, connectId,
                    created.id(), env);
            return seeOther("/ui/connect-clusters/" + WebPages.url(created.id()));
        } catch (UsmApiException e) {
            return WebPages.message(e.status(), "Registration refused", e.getMessage(), back);
        }
    }

    private ApiResponse deregister(String id, FormData form) {
        ConnectCluster cluster = registrations.connectCluster(id)
                .orElseThrow(() -> UsmApiException.notFound("USM Connect cluster \"" + id + "\" not found"));
        String back = "/ui/connect-clusters/" + WebPages.url(id);
        String typed = form.get(CONFIRM_NAME_FIELD);
        if (!cluster.displayName().equals(typed)) {
            return WebPages.message(400, "Not deregistered", "The name you typed does not match the cluster's "
                    + "name \"" + cluster.displayName() + "\" exactly; nothing was changed.", back);
        }
        try {
            registrations.deleteConnectCluster(id);
        } catch (UsmApiException e) {
            return WebPages.message(e.status(), "Not deregistered", e.getMessage(), back);
        }
        log.info("deregistered Connect cluster {} from the web page", id);
        return seeOther("/ui/environments/" + WebPages.url(cluster.environment()));
    }

    private static ApiResponse seeOther(String location) {
        return new ApiResponse(303, null, new byte[0], Map.of("Location", location));
    }
}
