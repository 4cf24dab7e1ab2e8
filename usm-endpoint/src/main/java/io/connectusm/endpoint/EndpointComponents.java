package io.connectusm.endpoint;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.connectusm.endpoint.api.ApiLimits;
import io.connectusm.endpoint.api.ApiRouter;
import io.connectusm.endpoint.api.Links;
import io.connectusm.endpoint.api.RouteTable;
import io.connectusm.endpoint.api.UsmV1Api;
import io.connectusm.endpoint.auth.ApiKeys;
import io.connectusm.endpoint.auth.Authenticator;
import io.connectusm.endpoint.auth.ConsoleSessions;
import io.connectusm.endpoint.auth.CsrfTokens;
import io.connectusm.endpoint.auth.FailedLoginThrottle;
import io.connectusm.endpoint.auth.SigningKeys;
import io.connectusm.endpoint.ingest.IngestScrubCounts;
import io.connectusm.endpoint.ingest.IngestScrubber;
import io.connectusm.endpoint.metrics.EndpointMetrics;
import io.connectusm.endpoint.store.ConnectorStore;
import io.connectusm.endpoint.store.Database;
import io.connectusm.endpoint.store.FleetAggregates;
import io.connectusm.endpoint.store.TransitionKind;
import io.connectusm.endpoint.store.WebhookOutbox;
import io.connectusm.endpoint.store.IdGenerator;
import io.connectusm.endpoint.store.SessionRevocationRows;
import io.connectusm.endpoint.store.Stores;
import io.connectusm.endpoint.web.ConsoleSecurity;
import io.connectusm.endpoint.web.ConsoleSettings;
import io.connectusm.endpoint.web.WebConsole;
import io.connectusm.endpoint.webhooks.WebhookSender;

/**
 * The endpoint's object graph over one open database, built in one place: the stores, the API keys, the route
 * table of the {@code usm/v1} API and the web console, and the router that serves it. The database stays the
 * caller's to close. Immutable; every part is thread-safe.
 *
 * @param stores  the stores
 * @param apiKeys the API keys (over the same database)
 * @param links   where response links point (relative, or under {@code public.url})
 * @param router  what the HTTP server calls for every request
 * @param metrics every metric of this replica
 * @param outbox  the webhook deliveries the store queues
 * @param webhooks one sender per configured webhook, by name
 * @param scrubbed what the ingest scrub removed from received events, by kind (for the metrics)
 */
record EndpointComponents(Stores stores, ApiKeys apiKeys, Links links, ApiRouter router, EndpointMetrics metrics,
                          WebhookOutbox outbox, Map<String, WebhookSender> webhooks, IngestScrubCounts scrubbed) {

    static EndpointComponents over(Database database, EndpointConfig config) {
        Clock clock = Clock.systemUTC();
        IdGenerator ids = new IdGenerator();
        EndpointMetrics metrics = new EndpointMetrics(new FleetAggregates(database), config.metricsCache(),
                config.metricsConnectorSeriesMax(), clock);
        Map<String, WebhookSender> webhooks = new TreeMap<>();
        Map<String, Set<TransitionKind>> subscriptions = new TreeMap<>();
        config.webhooks().forEach((name, webhook) -> {
            webhooks.put(name, new WebhookSender(webhook, clock));
            subscriptions.put(name, webhook.events());
        });
        WebhookOutbox outbox = new WebhookOutbox(database, subscriptions, clock);
        Stores stores = Stores.over(database, ids, config.sightingsMaxPerEnvironment(),
                new ConnectorStore.Hooks(outbox, metrics.appliedBatches()));
        ApiKeys apiKeys = ApiKeys.over(database, config.apiKeyHashIterations());
        Links links = new Links(config.publicUrl());
        // Sessions and form tokens must verify on every replica: the one place that picks the signing key.
        // Without a configured key file, the key every replica on the database shares: a session or form token
        // issued by one replica verifies on any other, and survives restarts.
        SigningKeys signing = config.sessionSigningKeyFile() != null
                ? SigningKeys.fromFile(config.sessionSigningKeyFile())
                : SigningKeys.fixed(stores.sharedKeys().sessionSigningKey());
        ConsoleSessions sessions = new ConsoleSessions(signing, apiKeys, new SessionRevocationRows(database),
                Duration.ofSeconds(config.sessionMaxAgeSeconds()), clock);
        Authenticator authenticator = new Authenticator(apiKeys, sessions, new FailedLoginThrottle(
                config.loginFailuresBurst(), config.loginFailuresPerMinute(), clock));
        RouteTable.Builder routes = RouteTable.builder();
        IngestScrubCounts scrubbed = new IngestScrubCounts();
        metrics.counterFromCallback(IngestScrubCounts.METRIC_NAME, IngestScrubCounts.METRIC_HELP,
                IngestScrubCounts.KIND_LABEL, scrubbed::byKind);
        UsmV1Api.addRoutes(routes, stores, apiKeys, links, config.defaultEnvironment(), new ApiLimits(
                Duration.ofMillis(config.eventsMaxFutureMs()), config.sightingsMaxPerRequest(), clock), metrics,
                new IngestScrubber(scrubbed));
        WebConsole.addRoutes(routes, stores, new ConsoleSecurity(authenticator, sessions, new CsrfTokens(signing),
                config.tlsEnabled()), new ConsoleSettings(Duration.ofMillis(config.clusterResyncIntervalMs()),
                clock));
        return new EndpointComponents(stores, apiKeys, links, new ApiRouter(authenticator, routes.build(),
                config.tlsEnabled(), config.publicUrl()), metrics, outbox, Map.copyOf(webhooks), scrubbed);
    }
}
