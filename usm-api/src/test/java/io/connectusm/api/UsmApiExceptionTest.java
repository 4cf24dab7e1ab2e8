package io.connectusm.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/** Both error bodies of the project, and answers that are not JSON at all. */
class UsmApiExceptionTest {

    static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    @Test
    void readsTheUsmV1ErrorsArray() throws Exception {
        UsmApiException e = UsmApiException.of(409, json(
                "{\"errors\":[{\"status\":\"409\",\"code\":\"conflict\",\"detail\":\"already there\",\"extra\":[1]}]}"));

        assertThat(e.status()).isEqualTo(409);
        assertThat(e.code()).isEqualTo("conflict");
        assertThat(e.getMessage()).isEqualTo("already there");
        assertThat(e.field("extra")).hasValueSatisfying(x -> assertThat(x.get(0).asInt()).isEqualTo(1));
    }

    @Test
    void readsKafkaConnectsErrorCodeAndMessage() throws Exception {
        UsmApiException e = UsmApiException.of(403, json("{\"error_code\":403,\"message\":\"cluster not registered\"}"));

        assertThat(e.status()).isEqualTo(403);
        assertThat(e.code()).isEqualTo("forbidden");
        assertThat(e.getMessage()).isEqualTo("cluster not registered");
    }

    @Test
    void anEmptyOrOddBodyStillNamesTheStatus() throws Exception {
        assertThat(UsmApiException.of(502, null).getMessage()).isEqualTo("the endpoint answered HTTP 502");
        assertThat(UsmApiException.of(404, json("{\"errors\":[{\"detail\":42}]}")).getMessage())
                .isEqualTo("the endpoint answered HTTP 404");
        assertThat(UsmApiException.of(404, json("[1,2]")).code()).isEqualTo("not_found");
        assertThat(UsmApiException.of(500, json("{}")).field("x")).isEmpty();
    }
}
