package io.connectusm.extension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.connectusm.events.PluginDescriptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads the plugins this worker has from its own REST API ({@code GET /connector-plugins?connectorsOnly=false}):
 * the extension API offers no plugin list, and the REST resource is the public, stable one.
 *
 * <p>Blocking (bounded by a timeout), so it runs on the emitter thread only. Stateless apart from the JSON
 * mapper; thread-confined.
 */
final class WorkerPluginsReader {

    private static final String PATH = "connector-plugins?connectorsOnly=false";

    private static final Logger log = LoggerFactory.getLogger(WorkerPluginsReader.class);

    private final ObjectMapper mapper = new ObjectMapper();
    private final Duration timeout;
    private boolean authenticationRequired;

    WorkerPluginsReader(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * Whether the last read was refused for want of credentials (401/403: a security extension guards the REST
     * API): trying again before the next resync would only add refused calls to the worker's log.
     */
    boolean authenticationRequired() {
        return authenticationRequired;
    }

    /** The plugins ordered by class name, or empty when the REST API cannot be read (auth, TLS, not ready). */
    Optional<List<PluginDescriptor>> read(URI restBase) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) restBase.resolve(PATH).toURL().openConnection();
            connection.setConnectTimeout((int) timeout.toMillis());
            connection.setReadTimeout((int) timeout.toMillis());
            connection.setRequestProperty("Accept", "application/json");
            int status = connection.getResponseCode();
            if (status == 401 || status == 403) {
                if (!authenticationRequired) {
                    log.info("This worker's REST API answered {} to GET /connector-plugins: it requires credentials "
                            + "the extension does not have, so the worker-plugins event is not sent (connectors are "
                            + "reported as usual); tried again once per resync interval", status);
                }
                authenticationRequired = true;
                return Optional.empty();
            }
            if (status != 200) {
                return Optional.empty();
            }
            JsonNode plugins;
            try (InputStream in = connection.getInputStream()) {
                plugins = mapper.readTree(in);
            }
            List<PluginDescriptor> descriptors = new ArrayList<>();
            for (JsonNode plugin : plugins) {
                JsonNode className = plugin.get("class");
                JsonNode type = plugin.get("type");
                if (className != null && type != null) {
                    JsonNode version = plugin.get("version");
                    descriptors.add(new PluginDescriptor(className.asText(), type.asText(),
                            version == null || version.isNull() ? null : version.asText()));
                }
            }
            descriptors.sort(Comparator.comparing(PluginDescriptor::className)
                    .thenComparing(PluginDescriptor::type));
            return Optional.of(descriptors);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }
}
