package io.connectusm.endpoint.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.connectusm.endpoint.testing.EachDatabase;
import io.connectusm.endpoint.testing.TestDatabase;
import io.connectusm.testkit.LogCapture;

/**
 * The periodic job under a lock row, on H2 and PostgreSQL, with two replicas (two pools) on one database: while
 * one runs a pass the other skips; a pass that ran is recorded in the row; close stops the schedule and waits for
 * the pass in flight; a pass that throws is logged, credential masked, and the next one runs on time.
 */
@EachDatabase
class ReplicaJobTest {

    static final TestDatabase databases = new TestDatabase();
    static final String LOCK = "test-job";
    static final Instant NOW = Instant.parse("2027-05-01T10:00:00Z");

    Database replicaA;
    Database replicaB;

    @BeforeEach
    void setUp() throws Exception {
        DatabaseSettings settings = databases.fresh();
        replicaA = databases.open(settings);
        replicaB = databases.open(settings);
        replicaA.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO endpoint_locks (name) VALUES (?)")) {
                ps.setString(1, LOCK);
                return ps.executeUpdate();
            }
        });
    }

    private static ReplicaJob job(Database database, String replica) {
        return new ReplicaJob(database, LOCK, Clock.fixed(NOW, ZoneOffset.UTC), replica);
    }

    @Test
    void whileOneReplicaRunsAPassTheOtherSkipsAndTheRunIsRecorded() throws Exception {
        ReplicaJob a = job(replicaA, "replica-a");
        ReplicaJob b = job(replicaB, "replica-b");
        CountDownLatch inPass = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Optional<String>> first = CompletableFuture.supplyAsync(() -> a.runLocked((now, last) -> {
            assertThat(last).as("never ran before").isNull();
            inPass.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> release.await(0, TimeUnit.MILLISECONDS));
            return Optional.of("a ran");
        }));
        assertThat(inPass.await(30, TimeUnit.SECONDS)).isTrue();

        AtomicInteger bRan = new AtomicInteger();
        assertThat(b.runLocked((now, last) -> Optional.of(bRan.incrementAndGet()))).as("A holds the lock").isEmpty();
        assertThat(bRan).hasValue(0);
        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).contains("a ran");
        assertThat(lastRun()).isEqualTo(NOW + " replica-a");

        // A pass that chooses not to run records nothing; the next one sees A's run.
        assertThat(b.runLocked((now, last) -> {
            assertThat(last).isEqualTo(NOW);
            return Optional.empty();
        })).isEmpty();
        assertThat(lastRun()).isEqualTo(NOW + " replica-a");
        assertThat(b.runLocked((now, last) -> Optional.of(bRan.incrementAndGet()))).contains(1);
        assertThat(lastRun()).isEqualTo(NOW + " replica-b");
    }

    @Test
    void aThrowingPassIsLoggedWithoutItsCredentialAndTheScheduleGoesOn() {
        AtomicInteger ticks = new AtomicInteger();
        try (LogCapture logs = new LogCapture(); ReplicaJob job = job(replicaA, "replica-a")) {
            job.start("usm-test-job", Duration.ZERO, Duration.ofMillis(10), () -> {
                if (ticks.incrementAndGet() <= 2) {
                    throw new IllegalStateException("cannot reach https://admin:Sup3rS3cretPw@db.example:5432/usm");
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> ticks.get() >= 4);
            assertThat(logs.text()).contains("test-job pass failed; the next one retries: "
                    + "java.lang.IllegalStateException: cannot reach https://").doesNotContain("Sup3rS3cretPw");
        }
    }

    @Test
    void closeStopsTheScheduleAfterThePassInFlight() throws Exception {
        AtomicInteger ticks = new AtomicInteger();
        CountDownLatch inPass = new CountDownLatch(1);
        AtomicInteger sawClosing = new AtomicInteger();
        ReplicaJob job = job(replicaA, "replica-a");
        job.start("usm-test-job-close", Duration.ZERO, Duration.ofMillis(5), () -> job.runLocked((now, last) -> {
            ticks.incrementAndGet();
            inPass.countDown();
            await().atMost(Duration.ofSeconds(30)).until(job::closing);
            sawClosing.incrementAndGet();
            return Optional.of(true);
        }));
        assertThat(inPass.await(30, TimeUnit.SECONDS)).isTrue();
        job.close();

        assertThat(sawClosing).as("the pass in flight ended before close returned").hasValue(1);
        // the scheduler has terminated; its thread ends a moment later
        await().atMost(Duration.ofSeconds(30)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("usm-test-job-close")));
        assertThat(ticks).as("no pass after close").hasValue(1);
        job.start("usm-test-job-close", Duration.ZERO, Duration.ofMillis(5), ticks::incrementAndGet);
        assertThat(Thread.getAllStackTraces().keySet()).as("a closed job does not start again")
                .noneMatch(t -> t.getName().equals("usm-test-job-close"));
        assertThat(lastRun()).isEqualTo(NOW + " replica-a");
    }

    private String lastRun() {
        return replicaA.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT last_run_at, last_run_by FROM endpoint_locks "
                    + "WHERE name = ?")) {
                ps.setString(1, LOCK);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return Sql.instant(rs, 1) + " " + rs.getString(2);
                }
            }
        });
    }
}
