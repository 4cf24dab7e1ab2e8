package io.connectusm.agent.registration;

import static io.connectusm.agent.TestEvents.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code ConnectClusterList} JSON of the cache and the static registrations file, as the endpoint writes it. */
class RegistrationsJsonTest {

    @Test
    void readsTheEndpointsConnectClusterListAndWritesItBack() throws IOException {
        String page = """
                {"api_version":"usm/v1","kind":"ConnectClusterList",
                 "metadata":{"first":"/usm/v1/connect-clusters?environment=env-1",
                             "next":"/usm/v1/connect-clusters?environment=env-1&page_token=2","total_size":3},
                 "data":[{"api_version":"usm/v1","kind":"ConnectCluster","id":"usmcc-1",
                          "confluent_platform_connect_cluster_id":"connect-group-xyz","kafka_cluster_id":"kafka-abc",
                          "usm_kafka_cluster_id":"usmkc-9","cloud":"AWS","region":"us-east-1",
                          "environment":{"id":"env-1"},"display_name":"prod"}]}""";
        List<Registration> parsed = RegistrationsJson.parse(page.getBytes(StandardCharsets.UTF_8));
        Registration expected = new Registration(CLUSTER, "usmcc-1", "usmkc-9", "env-1", "prod");
        assertThat(parsed).containsExactly(expected);
        byte[] written = RegistrationsJson.write(parsed);
        assertThat(RegistrationsJson.parse(written)).containsExactly(expected);
        assertThat(new String(written, StandardCharsets.UTF_8)).doesNotContain("\"next\"");
    }

    @Test
    void refusesAListWithoutClusterIds() {
        assertThatThrownBy(() -> RegistrationsJson.parse("{\"data\":[{\"id\":\"usmcc-1\"}]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("kafka_cluster_id");
        assertThatThrownBy(() -> RegistrationsJson.parse(("{\"data\":[{\"id\":\"usmcc-1\",\"kafka_cluster_id\":\"k\","
                + "\"confluent_platform_connect_cluster_id\":\"\"}]}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("confluent_platform_connect_cluster_id");
        assertThatThrownBy(() -> RegistrationsJson.parse("[]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
    }
}
