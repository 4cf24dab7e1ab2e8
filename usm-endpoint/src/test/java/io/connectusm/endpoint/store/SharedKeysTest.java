package io.connectusm.endpoint.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.connectusm.endpoint.testing.EachDatabase;
import io.connectusm.endpoint.testing.TestDatabase;

/**
 * The keys every replica signs with: replicas starting together on a new database agree on one key per name,
 * it survives restarts, and the session and form keys differ.
 */
@EachDatabase
class SharedKeysTest {

    static final TestDatabase databases = new TestDatabase();

    @Test
    void replicasCreatingAKeyAtTheSameTimeAllGetTheSameOne() throws Exception {
        DatabaseSettings settings = databases.fresh();
        List<Database> replicas = List.of(databases.open(settings), databases.open(settings));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> keys = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Database replica = replicas.get(i % 2);
                keys.add(pool.submit(() -> {
                    start.await();
                    // a new instance each time: nothing cached, every one reads or creates in the database
                    return hex(new SharedKeys(replica, new IdGenerator()).sessionSigningKey());
                }));
            }
            start.countDown();
            Set<String> distinct = new HashSet<>();
            for (Future<String> key : keys) {
                distinct.add(key.get(60, TimeUnit.SECONDS));
            }
            assertThat(distinct).hasSize(1);
            assertThat(distinct.iterator().next()).hasSize(2 * SharedKeys.KEY_BYTES);

            replicas.forEach(Database::close);
            try (Database restarted = Database.open(settings)) {
                SharedKeys keysAfterRestart = new SharedKeys(restarted, new IdGenerator());
                assertThat(hex(keysAfterRestart.sessionSigningKey())).isEqualTo(distinct.iterator().next());
                assertThat(hex(keysAfterRestart.csrfSigningKey())).isNotEqualTo(distinct.iterator().next());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCallerWipingItsCopyDoesNotWipeTheKey() throws Exception {
        SharedKeys keys = new SharedKeys(databases.open(), new IdGenerator());
        byte[] copy = keys.csrfSigningKey();
        String before = hex(copy);
        Arrays.fill(copy, (byte) 0);

        assertThat(hex(keys.csrfSigningKey())).isEqualTo(before);
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02x", b));
        }
        return out.toString();
    }
}
