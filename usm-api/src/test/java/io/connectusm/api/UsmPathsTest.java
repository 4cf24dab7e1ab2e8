package io.connectusm.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

class UsmPathsTest {

    @Test
    void callerSuppliedPartsCannotChangeThePath() {
        assertThat(UsmPaths.connectorHistory("usmcc-1", "a b/../../api-keys?x=1#f+ü"))
                .isEqualTo("/usm/v1/connect-clusters/usmcc-1/connectors/a%20b%2F..%2F..%2Fapi-keys%3Fx%3D1%23f%2B%C3%BC"
                        + "/history");
        assertThat(URI.create("https://h" + UsmPaths.connector("usmcc-1", "../x")).normalize().getRawPath())
                .isEqualTo("/usm/v1/connect-clusters/usmcc-1/connectors/..%2Fx");
        assertThat(UsmPaths.firstPage(UsmPaths.KAFKA_CLUSTERS, "env-a&page_size=1"))
                .isEqualTo("/usm/v1/kafka-clusters?environment=env-a%26page_size%3D1&page_size=100");
        assertThat(UsmPaths.inEnvironment("/p", " ")).isEqualTo("/p");
    }

    @Test
    void defaultPortsAndCaseDoNotMakeAnotherOrigin() {
        Origin origin = Origin.of(URI.create("https://Usm.Example.com"));

        assertThat(origin.contains(URI.create("https://usm.example.com:443/x"))).isTrue();
        assertThat(origin.contains(URI.create("HTTPS://USM.EXAMPLE.COM/x"))).isTrue();
        assertThat(origin.contains(URI.create("http://usm.example.com:443/x"))).isFalse();
        assertThat(origin.contains(URI.create("https://usm.example.com:8443/x"))).isFalse();
        assertThat(origin.contains(URI.create("https://u@usm.example.com/x"))).isFalse();
        assertThat(origin.contains(URI.create("/x"))).isFalse();
        assertThat(Origin.of(URI.create("http://h")).port()).isEqualTo(80);
    }
}
