package io.connectusm.endpoint;

import io.connectusm.endpoint.api.ApiRouter;
import io.connectusm.endpoint.api.Links;
import io.connectusm.endpoint.api.RouteTable;
import io.connectusm.endpoint.api.UsmV1Api;
import io.connectusm.endpoint.auth.ApiKeys;
import io.connectusm.endpoint.auth.Authenticator;
import io.connectusm.endpoint.auth.CsrfTokens;
import io.connectusm.endpoint.store.Database;
import io.connectusm.endpoint.store.IdGenerator;
import io.connectusm.endpoint.store.Stores;
import io.connectusm.endpoint.web.WebConsole;

/**
 * The endpoint's object graph over one open database, built in one place: the stores, the API keys, the route
 * table of the {@code usm/v1} API and the web console, and the router that serves it. The database stays the
 * caller's to close. Immutable; every part is thread-safe.
 *
 * @param stores  the stores
 * @param apiKeys the API keys (over the same database)
 * @param links   where response links point (relative, or under the configured public URL)
 * @param router  what the HTTP server calls for every request
 */
record EndpointComponents(Stores stores, ApiKeys apiKeys, Links links, ApiRouter router) {

    static EndpointComponents over(Database database, int apiKeyHashIterations, String defaultEnvironment,
                                   String publicUrl) {
        IdGenerator ids = new IdGenerator();
        Stores stores = Stores.over(database, ids);
        ApiKeys apiKeys = ApiKeys.over(database, apiKeyHashIterations);
        Links links = new Links(publicUrl);
        // The console's forms are signed with the key every replica on the database shares: a form rendered by
        // one replica posts to any other, and survives restarts.
        CsrfTokens csrf = new CsrfTokens(stores.sharedKeys().csrfSigningKey());
        RouteTable.Builder routes = RouteTable.builder();
        UsmV1Api.addRoutes(routes, stores, apiKeys, links, defaultEnvironment);
        WebConsole.addRoutes(routes, stores, csrf);
        return new EndpointComponents(stores, apiKeys, links, new ApiRouter(new Authenticator(apiKeys),
                routes.build()));
    }
}
