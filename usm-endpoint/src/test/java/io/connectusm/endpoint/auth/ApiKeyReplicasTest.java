package io.connectusm.endpoint.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.connectusm.endpoint.store.Database;
import io.connectusm.endpoint.store.DatabaseSettings;
import io.connectusm.endpoint.testing.EachDatabase;
import io.connectusm.endpoint.testing.TestDatabase;

/**
 * API keys across replicas on one database: a key deleted through one replica stops working on another as soon as
 * that one's cached verification is older than {@link ApiKeys#REVALIDATE_AFTER}, without a slow hash per request
 * before that. Time is the test's own clock.
 */
@EachDatabase
class ApiKeyReplicasTest {

    static final TestDatabase databases = new TestDatabase();

    @Test
    void aKeyDeletedOnOneReplicaIsRefusedOnTheOtherWithinTheRevalidationTime() throws Exception {
        DatabaseSettings settings = databases.fresh();
        Database a = databases.open(settings);
        Database b = databases.open(settings);
        AtomicLong nanos = new AtomicLong();
        ApiKeys onA = new ApiKeys(a, false, 1_000, nanos::get);
        ApiKeys onB = new ApiKeys(b, false, 1_000, nanos::get);
        ApiKeyCredentials key = onA.create(ApiRole.AGENT, "agent");
        char[] secret = key.secret().toCharArray();

        assertThat(onB.authenticate(key.key(), secret)).contains(ApiRole.AGENT); // cached on B from now on
        assertThat(onA.delete(key.key())).isTrue();
        nanos.addAndGet(ApiKeys.REVALIDATE_AFTER.toNanos() - 1);
        assertThat(onB.authenticate(key.key(), secret)).as("still cached").contains(ApiRole.AGENT);
        nanos.addAndGet(1);
        assertThat(onB.authenticate(key.key(), secret)).as("revalidated: gone").isEmpty();
        nanos.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(onB.authenticate(key.key(), secret)).isEmpty();
    }

    @Test
    void aKeyThatStillExistsStaysValidAcrossRevalidations() throws Exception {
        Database a = databases.open();
        AtomicLong nanos = new AtomicLong();
        ApiKeys keys = new ApiKeys(a, false, 1_000, nanos::get);
        ApiKeyCredentials key = keys.create(ApiRole.ADMIN, "admin");

        for (int i = 0; i < 5; i++) {
            assertThat(keys.authenticate(key.key(), key.secret().toCharArray())).contains(ApiRole.ADMIN);
            nanos.addAndGet(ApiKeys.REVALIDATE_AFTER.toNanos() * 2);
        }
        assertThat(keys.authenticate(key.key(), (key.secret() + "x").toCharArray())).isEmpty();
    }
}
