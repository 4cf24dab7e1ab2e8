package io.connectusm.agent;

import io.connectusm.support.Ticker;
import java.time.Clock;
import java.util.Objects;

/**
 * What an agent takes from its surroundings besides its configuration: the wall clock, the monotonic
 * ticker for deadlines and waits, and an observer of spool commits. Production uses {@link #system()};
 * tests inject a manual ticker, or hold the spool's committer to catch a request mid-commit. Immutable.
 *
 * @param clock       wall-clock instants (sightings, first/last seen, names of moved-aside files)
 * @param ticker      deadlines and waits (shutdown drain, forwarder backoff and idle poll)
 * @param afterCommit run on the spool's committer thread after each commit that changed something, after the
 *                    commit's futures completed; must not block in production (it delays the next commit)
 */
record AgentRuntime(Clock clock, Ticker ticker, Runnable afterCommit) {

    AgentRuntime {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ticker, "ticker");
        Objects.requireNonNull(afterCommit, "afterCommit");
    }

    /** The system clock (UTC), {@link System#nanoTime()}, no commit observer. */
    static AgentRuntime system() {
        return new AgentRuntime(Clock.systemUTC(), Ticker.system(), () -> { });
    }
}
