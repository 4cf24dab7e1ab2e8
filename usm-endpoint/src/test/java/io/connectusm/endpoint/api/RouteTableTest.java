package io.connectusm.endpoint.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.connectusm.endpoint.http.ApiRequest;
import io.connectusm.endpoint.http.ApiResponse;
import io.connectusm.endpoint.http.UsmApiException;

/** Matching requests against the declarative route table, without a database. */
class RouteTableTest {

    private static final RouteHandler OK = call -> ApiResponse.noContent();

    private static ApiRequest get(String uri) {
        return ApiRequest.of("GET", uri, null, null, null);
    }

    @Test
    void parametersHoldTheDecodedSegmentWhateverItContains() {
        RouteTable table = RouteTable.builder().get("/c/{id}/connectors/{name}", OK).build();

        RouteTable.Match match = table.resolve(get("/c/usmcc-1/connectors/a%2Fb%20c%3F%3Cx%3E"));

        assertThat(match.params()).containsEntry("id", "usmcc-1").containsEntry("name", "a/b c?<x>");
    }

    @Test
    void literalSegmentsWinOnlyWhereTheyMatchAndLengthsMustAgree() {
        RouteTable table = RouteTable.builder().get("/c/{id}/plugins", OK).get("/c/{id}/connectors", OK).build();

        assertThat(table.resolve(get("/c/x/plugins")).route().path()).hasToString("/c/{id}/plugins");
        assertThat(table.resolve(get("/c/x/connectors/")).route().path()).hasToString("/c/{id}/connectors");
        assertThatThrownBy(() -> table.resolve(get("/c/x/connectors/y"))).isInstanceOfSatisfying(
                UsmApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> table.resolve(get("/c"))).isInstanceOfSatisfying(
                UsmApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void areasCoverEveryPathUnderTheirPrefixAndNothingBeside() {
        RouteTable table = RouteTable.builder().area("/ui", Access.ADMIN, "the web page").build();

        assertThat(table.areaOf(get("/ui"))).isPresent();
        assertThat(table.areaOf(get("/ui/anything/at/all"))).isPresent();
        assertThat(table.areaOf(get("/uix"))).isEmpty();
        assertThat(table.areaOf(get("/"))).isEmpty();
    }

    @Test
    void aRouteDeclaredTwiceIsABug() {
        RouteTable.Builder builder = RouteTable.builder().get("/a/{x}", OK);

        assertThatThrownBy(() -> builder.get("/a/{x}", OK)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GET /a/{x}");
    }
}
