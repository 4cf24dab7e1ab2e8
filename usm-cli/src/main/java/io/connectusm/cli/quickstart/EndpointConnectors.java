package io.connectusm.cli.quickstart;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import io.connectusm.api.ConnectorSummary;
import io.connectusm.api.TlsTrust;
import io.connectusm.api.UsmApiClient;
import io.connectusm.certs.LeafFiles;
import io.connectusm.certs.StorePasswordFile;

/**
 * What the endpoint's read API shows of the quickstart's Connect cluster, read over HTTPS with the admin key as a
 * user would: the quickstart waits on it so that the sample changes come after the endpoint has seen the samples
 * run, and the history shows both. Thread-safe.
 */
final class EndpointConnectors {

    private final UsmApiClient client;
    private final String usmConnectClusterId;

    EndpointConnectors(UsmApiClient client, String usmConnectClusterId) {
        this.client = client;
        this.usmConnectClusterId = usmConnectClusterId;
    }

    /** Connector name to state, as the endpoint has it now. */
    Map<String, String> states() {
        Map<String, String> states = new HashMap<>();
        for (ConnectorSummary connector : client.connectors(usmConnectClusterId, null)) {
            states.put(connector.name(), connector.state());
        }
        return states;
    }

    /** An admin client of the quickstart's endpoint, trusting the quickstart CA through its trust store. */
    static UsmApiClient client(String baseUrl, String apiKey, String apiSecret, Path caDir) {
        char[] password = StorePasswordFile.read(caDir.resolve(StorePasswordFile.FILE_NAME));
        try {
            return UsmApiClient.builder(baseUrl).basicAuth(apiKey, apiSecret)
                    .trust(TlsTrust.trustStore(caDir.resolve(LeafFiles.TRUSTSTORE), password)).build();
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
