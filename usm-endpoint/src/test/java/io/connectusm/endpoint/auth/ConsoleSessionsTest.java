package io.connectusm.endpoint.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.connectusm.endpoint.store.Database;
import io.connectusm.endpoint.store.SessionRevocationRows;

/**
 * Sessions as two replicas on one database see them: signed with the key file both read, a session opened on one
 * is valid on the other, a logout on either ends it on both, and a replica with another key trusts none of them.
 */
class ConsoleSessionsTest {

    @TempDir
    Path dir;

    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-20T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void replicasWithTheSameKeyShareSessionsAndTheirRevocations() throws Exception {
        Path keyFile = Files.write(dir.resolve("session.key"), new byte[48]);
        TestClock clock = new TestClock();
        try (Database database = Database.open(dir.resolve("data"))) {
            ApiKeys keys = ApiKeys.over(database, 1_000);
            ApiKeyCredentials viewer = keys.create(ApiRole.VIEWER, "");
            ConsoleSessions a = sessions(SigningKeys.fromFile(keyFile), keys, database, clock);
            ConsoleSessions b = sessions(SigningKeys.fromFile(keyFile), keys, database, clock);
            ConsoleSessions other = sessions(SigningKeys.random(), keys, database, clock);

            String token = a.open(new Principal(viewer.key(), ApiRole.VIEWER));
            assertThat(b.verify(token)).hasValueSatisfying(p -> {
                assertThat(p.key()).isEqualTo(viewer.key());
                assertThat(p.role()).isEqualTo(ApiRole.VIEWER);
                assertThat(p.sessionId()).isNotNull();
            });
            assertThat(other.verify(token)).isEmpty();

            String second = b.open(new Principal(viewer.key(), ApiRole.VIEWER));
            b.revoke(token);
            assertThat(a.verify(token)).isEmpty();
            assertThat(a.verify(second)).isPresent();

            clock.now = clock.now.plus(Duration.ofHours(1));
            assertThat(a.verify(second)).isEmpty(); // expired
        }
    }

    @Test
    void aShortKeyFileIsRefused() throws Exception {
        Path keyFile = Files.write(dir.resolve("short.key"), new byte[16]);
        assertThatThrownBy(() -> SigningKeys.fromFile(keyFile)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32");
    }

    private static ConsoleSessions sessions(SigningKeys signing, ApiKeys keys, Database database, Clock clock) {
        return new ConsoleSessions(signing, keys, new SessionRevocationRows(database), Duration.ofMinutes(30), clock);
    }
}
