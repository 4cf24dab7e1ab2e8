package io.connectusm.endpoint.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.connectusm.endpoint.EndpointConfig;
import io.connectusm.endpoint.UsmEndpoint;

class ApiKeysTest {

    @TempDir
    Path dir;

    private EndpointConfig config() {
        return new EndpointConfig(Map.of(EndpointConfig.DATA_DIR_CONFIG, dir.toString()));
    }

    @Test
    void verifiesTheRightSecretOnlyAndForgetsDeletedKeys() {
        try (ApiKeys keys = UsmEndpoint.openApiKeys(config())) {
            ApiKeyCredentials agent = keys.create(ApiRole.AGENT, "agent on host-1");

            assertThat(keys.authenticate(agent.key(), agent.secret().toCharArray())).contains(ApiRole.AGENT);
            assertThat(keys.authenticate(agent.key(), agent.secret().toCharArray())).contains(ApiRole.AGENT);
            assertThat(keys.authenticate(agent.key(), (agent.secret() + "x").toCharArray())).isEmpty();
            assertThat(keys.authenticate("NOSUCHKEY", agent.secret().toCharArray())).isEmpty();

            assertThat(keys.delete(agent.key())).isTrue();
            assertThat(keys.authenticate(agent.key(), agent.secret().toCharArray())).isEmpty();
            assertThat(keys.delete(agent.key())).isFalse();
        }
    }

    @Test
    void theSecretIsStoredOnlyAsASaltedHashAndNeverListedOrPrinted() throws Exception {
        ApiKeyCredentials admin;
        try (ApiKeys keys = UsmEndpoint.openApiKeys(config())) {
            admin = keys.create(ApiRole.ADMIN, "first admin");
            assertThat(keys.list()).singleElement().satisfies(info -> {
                assertThat(info.key()).isEqualTo(admin.key());
                assertThat(info.role()).isEqualTo(ApiRole.ADMIN);
                assertThat(info.toString()).doesNotContain(admin.secret());
            });
            assertThat(admin.toString()).doesNotContain(admin.secret()).contains(admin.key());
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(content).as(file.toString()).doesNotContain(admin.secret());
            }
        }
        // and survives reopening the database
        try (ApiKeys keys = UsmEndpoint.openApiKeys(config())) {
            assertThat(keys.authenticate(admin.key(), admin.secret().toCharArray())).contains(ApiRole.ADMIN);
        }
    }
}
