package io.connectusm.endpoint.web;

import io.connectusm.endpoint.api.Call;
import io.connectusm.endpoint.api.InputRules;
import io.connectusm.endpoint.api.StoreFailures;
import io.connectusm.endpoint.auth.CsrfTokens;
import io.connectusm.endpoint.http.ApiResponse;
import io.connectusm.endpoint.http.UsmApiException;
import io.connectusm.endpoint.store.Cloud;
import io.connectusm.endpoint.store.ConnectCluster;
import io.connectusm.endpoint.store.ConnectorStore;
import io.connectusm.endpoint.store.RegistrationRefusedException;
import io.connectusm.endpoint.store.RegistrationStore;
import io.connectusm.endpoint.store.SightingStore;
import io.connectusm.endpoint.store.Stores;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's state-changing forms: "Register Connect cluster" for a sighted cluster, "Deregister", which
 * only proceeds when the typed name equals the cluster's name exactly (checked here, not in the browser), and a
 * connector's "Purge history", which likewise needs the connector's name typed. Every
 * post must carry the caller's {@link CsrfTokens} token (403 otherwise, before anything is read or changed).
 * Success answers 303 to the page that shows the result, with a {@code done=} parameter that makes it show a
 * success message; a refused form answers an HTML page saying why.
 * Thread-safe (stateless over the stores).
 */
final class WebActions {

    static final String CONNECT_CLUSTER_FIELD = "connect_cluster_id";
    static final String KAFKA_CLUSTER_FIELD = "kafka_cluster_id";
    static final String CLOUD_FIELD = "cloud";
    static final String REGION_FIELD = "region";
    static final String NAME_FIELD = "display_name";
    static final int MAX_NAME = 255;
    static final String CONFIRM_NAME_FIELD = "confirm_name";

    private static final Logger log = LoggerFactory.getLogger(WebActions.class);

    private final RegistrationStore registrations;
    private final SightingStore sightings;
    private final ConnectorStore connectors;
    private final CsrfTokens csrf;

    WebActions(Stores stores, CsrfTokens csrf) {
        this.registrations = stores.registrations();
        this.sightings = stores.sightings();
        this.connectors = stores.connectors();
        this.csrf = csrf;
    }

    /** {@code POST /ui/environments/{env}/connect-clusters}. */
    ApiResponse register(Call call) {
        FormData form = FormData.parse(call.body());
        if (!csrf.isValid(call.caller(), form.get(CsrfTokens.FIELD))) {
            return refusedToken();
        }
        String env = call.param("env");
        String back = Paths.environment(env);
        try {
            InputRules.environment(env);
            String connectId = InputRules.localId("Connect cluster ID", form.optional(CONNECT_CLUSTER_FIELD));
            String kafkaId = InputRules.localId("Kafka cluster", form.optional(KAFKA_CLUSTER_FIELD));
            String cloud = form.optional(CLOUD_FIELD);
            String region = form.optional(REGION_FIELD);
            Cloud chosenCloud = cloud == null ? null : InputRules.cloud("cloud", cloud);
            String name = form.optional(NAME_FIELD);
            if (name != null && name.length() > MAX_NAME) {
                throw UsmApiException.badRequest("the name is longer than " + MAX_NAME + " characters");
            }
            ConnectCluster created = registrations.createConnectCluster(env, connectId, kafkaId, name, chosenCloud,
                    region == null ? null : InputRules.region(region));
            log.info("registered Connect cluster {}/{} as {} in {} from the web page", kafkaId, connectId,
                    created.id(), env);
            return ApiResponse.seeOther(Paths.cluster(created.id()) + "?" + ConsolePages.DONE + "=registered");
        } catch (UsmApiException e) {
            return Templates.message(e.status(), "Registration refused", e.getMessage(), back);
        } catch (RegistrationRefusedException e) {
            return Templates.message(StoreFailures.toApi(e).status(), "Registration refused", e.getMessage(), back);
        }
    }

    /** {@code POST /ui/connect-clusters/{id}/deregister}. */
    ApiResponse deregister(Call call) {
        FormData form = FormData.parse(call.body());
        if (!csrf.isValid(call.caller(), form.get(CsrfTokens.FIELD))) {
            return refusedToken();
        }
        String id = call.param("id");
        ConnectCluster cluster = registrations.connectCluster(id)
                .orElseThrow(() -> UsmApiException.notFound("USM Connect cluster \"" + id + "\" not found"));
        String back = Paths.cluster(id);
        if (!cluster.displayName().equals(form.get(CONFIRM_NAME_FIELD))) {
            return Templates.message(400, "Not deregistered", "The name you typed does not match the cluster's "
                    + "name \"" + cluster.displayName() + "\" exactly; nothing was changed.", back);
        }
        try {
            registrations.deleteConnectCluster(id);
        } catch (RegistrationRefusedException e) {
            return Templates.message(StoreFailures.toApi(e).status(), "Not deregistered", e.getMessage(), back);
        }
        log.info("deregistered Connect cluster {} from the web page", id);
        return ApiResponse.seeOther(Paths.environment(cluster.environment()) + "?" + ConsolePages.DONE
                + "=deregistered&" + ConsolePages.DONE_NAME + "=" + Html.url(cluster.displayName()));
    }

    /**
     * {@code POST /ui/connect-clusters/{id}/connectors/{name}/purge-history}: deletes every stored history entry of
     * the connector (its current state stays), once the typed name equals the connector's name exactly.
     */
    ApiResponse purgeHistory(Call call) {
        FormData form = FormData.parse(call.body());
        if (!csrf.isValid(call.caller(), form.get(CsrfTokens.FIELD))) {
            return refusedToken();
        }
        String id = call.param("id");
        String name = call.param("name");
        registrations.connectCluster(id)
                .orElseThrow(() -> UsmApiException.notFound("USM Connect cluster \"" + id + "\" not found"));
        if (!connectors.known(id, name)) {
            throw UsmApiException.notFound("connector \"" + name + "\" not found");
        }
        String back = Paths.connector(id, name);
        if (!name.equals(form.get(CONFIRM_NAME_FIELD))) {
            return Templates.message(400, "Not purged", "The name you typed does not match the connector's name \""
                    + name + "\" exactly; nothing was changed.", back);
        }
        int purged = connectors.purgeHistory(id, name);
        log.info("purged {} history entries of connector {} of {} from the web page by {}", purged, name, id,
                call.caller().key());
        return Templates.message(200, "History purged", purged + (purged == 1 ? " entry" : " entries") + " of the "
                + "history of connector \"" + name + "\" deleted. Its current state stays; its next change starts a "
                + "new history.", back);
    }

    /** {@code POST /ui/environments/{env}/sightings/dismiss}: deletes one sighting (an agent may report it again). */
    ApiResponse dismissSighting(Call call) {
        FormData form = FormData.parse(call.body());
        if (!csrf.isValid(call.caller(), form.get(CsrfTokens.FIELD))) {
            return refusedToken();
        }
        String env = InputRules.environment(call.param("env"));
        String kafkaId = InputRules.localId("Kafka cluster ID", form.optional(KAFKA_CLUSTER_FIELD));
        String connectId = InputRules.localId("Connect cluster ID", form.optional(CONNECT_CLUSTER_FIELD));
        if (!sightings.delete(env, kafkaId, connectId)) {
            return Templates.message(404, "Not found", "No sighting of " + kafkaId + "/" + connectId + " in " + env
                    + ".", Paths.environment(env));
        }
        log.info("dismissed the sighting of {}/{} in {} from the web page", kafkaId, connectId, env);
        return ApiResponse.seeOther(Paths.environment(env));
    }

    private static ApiResponse refusedToken() {
        return Templates.message(403, "Form refused", "The form's security token is missing or not valid for "
                + "your API key. Reload the page and submit the form again.", Paths.HOME);
    }
}
