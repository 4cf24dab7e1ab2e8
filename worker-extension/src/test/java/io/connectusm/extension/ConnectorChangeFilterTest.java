package io.connectusm.extension;

import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorType;
import org.apache.kafka.connect.util.ConnectorTaskId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The config a REST write hands to the emitter comes from the body Connect answers it with, its real
 * {@link ConnectorInfo}; anything else yields nothing, and the emitter reads the config from the herder.
 */
class ConnectorChangeFilterTest {

    @Test
    void takesTheWrittenConfigFromConnectsConnectorInfo() {
        Map<String, String> config = Map.of("connector.class", "FileStreamSource", "batch.size", "2048");
        ConnectorInfo body = new ConnectorInfo("orders", config, List.of(new ConnectorTaskId("orders", 0)),
                ConnectorType.SOURCE);

        assertThat(ConnectorChangeFilter.writtenConfig(body)).isEqualTo(config);
    }

    @Test
    void takesNothingFromAnyOtherBody() {
        assertThat(ConnectorChangeFilter.writtenConfig(null)).isNull();
        assertThat(ConnectorChangeFilter.writtenConfig("created")).isNull();
        assertThat(ConnectorChangeFilter.writtenConfig(Map.of("config", Map.of("a", "b")))).isNull();
        assertThat(ConnectorChangeFilter.writtenConfig(new ConnectorInfo("empty", Map.of(), List.of(),
                ConnectorType.SOURCE))).isNull();
    }
}
