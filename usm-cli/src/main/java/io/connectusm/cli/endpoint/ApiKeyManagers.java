package io.connectusm.cli.endpoint;

import java.util.Map;

import io.connectusm.cli.login.ConnectionOptions;
import io.connectusm.cli.output.UsmCliException;
import io.connectusm.endpoint.EndpointConfig;
import io.connectusm.endpoint.EndpointConfigLoader;
import io.connectusm.endpoint.UsmEndpoint;
import io.connectusm.endpoint.store.DatabaseInUseException;

/**
 * Picks where {@code usm endpoint api-key} works, as a user expects:
 * <ul>
 *   <li>a database named ({@code --config}, {@code --data-dir} or {@code USM_ENDPOINT_DATA_DIR}): that database
 *       directly, which bootstraps the first admin key while the endpoint is stopped; when a running endpoint
 *       holds it, through that endpoint's API if a connection is configured;</li>
 *   <li>otherwise the endpoint's API with the usual connection ({@code --url}/{@code USM_ENDPOINT_URL}/login).</li>
 * </ul>
 * When neither works the error says exactly which flags or variables to give. Stateless.
 */
final class ApiKeyManagers {

    static final String USE_HTTP = "pass --url, --api-key and --api-secret of an admin key (or set "
            + "USM_ENDPOINT_URL, USM_API_KEY and USM_API_SECRET, or run usm login)";

    private ApiKeyManagers() {
    }

    static ApiKeyManager open(EndpointOptions database, ConnectionOptions connection, Map<String, String> env) {
        boolean databaseNamed = database.configFile != null || database.dataDir != null
                || env.containsKey(EndpointConfigLoader.envName(EndpointConfig.DATA_DIR_CONFIG));
        if (!databaseNamed) {
            if (!connection.configured()) {
                throw new UsmCliException("no endpoint to manage API keys with: while the endpoint runs, " + USE_HTTP
                        + "; to bootstrap the first admin key while it is stopped, pass --config FILE or --data-dir DIR");
            }
            return new HttpApiKeyManager(connection.client());
        }
        EndpointConfig config = database.storageConfig(env);
        try {
            return new DatabaseApiKeyManager(UsmEndpoint.openApiKeys(config));
        } catch (DatabaseInUseException e) {
            if (connection.configured()) {
                return new HttpApiKeyManager(connection.client());
            }
            throw new UsmCliException(e.getMessage() + ", which locks it: manage keys through the endpoint instead ("
                    + USE_HTTP + "), or stop the endpoint and retry");
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new UsmCliException(e.getMessage());
        }
    }
}
