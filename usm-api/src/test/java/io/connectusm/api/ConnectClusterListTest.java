package io.connectusm.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/** A {@code ConnectClusterList} kept in a file: read as the client reads a page, written back the same. */
class ConnectClusterListTest {

    static final String PAGE = """
            {"api_version":"usm/v1","kind":"ConnectClusterList",
             "metadata":{"next":"https://elsewhere.example/usm/v1/connect-clusters?page_token=2","total_size":2},
             "data":[{"api_version":"usm/v1","kind":"ConnectCluster","id":"usmcc-1",
                      "confluent_platform_connect_cluster_id":"connect-group-xyz","kafka_cluster_id":"kafka-abc",
                      "usm_kafka_cluster_id":"usmkc-9","cloud":"AWS","region":"us-east-1",
                      "environment":{"id":"env-1"},"display_name":"prod","created_at":"2026-01-02T03:04:05Z"},
                     {"id":"usmcc-2","confluent_platform_connect_cluster_id":"connect-b","kafka_cluster_id":"kafka-abc"}]}""";

    @Test
    void readsEveryClusterIgnoringNextAndWritesThemBackAsOneCompletePage() throws IOException {
        List<ConnectCluster> clusters = ConnectClusterList.read(PAGE.getBytes(StandardCharsets.UTF_8));
        assertThat(clusters).containsExactly(
                new ConnectCluster("usmcc-1", "connect-group-xyz", "kafka-abc", "usmkc-9", "prod", "AWS", "us-east-1",
                        "env-1", Instant.parse("2026-01-02T03:04:05Z")),
                new ConnectCluster("usmcc-2", "connect-b", "kafka-abc", null, null, null, null, null, null));

        byte[] written = ConnectClusterList.write(clusters);
        assertThat(ConnectClusterList.read(written)).isEqualTo(clusters);
        var root = new ObjectMapper().readTree(written);
        assertThat(root.path("kind").asText()).isEqualTo("ConnectClusterList");
        assertThat(root.path("metadata").has("next")).as("a written list is complete").isFalse();
        assertThat(root.path("metadata").path("total_size").asInt()).isEqualTo(2);
    }

    @Test
    void refusesWhatIsNotAConnectClusterList() {
        for (String notAList : List.of("[]", "{}", "{\"data\":{}}", "not json", "")) {
            assertThatThrownBy(() -> ConnectClusterList.read(notAList.getBytes(StandardCharsets.UTF_8)))
                    .as(notAList).isInstanceOf(IOException.class);
        }
    }
}
