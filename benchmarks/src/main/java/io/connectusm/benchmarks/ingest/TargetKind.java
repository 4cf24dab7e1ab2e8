package io.connectusm.benchmarks.ingest;

import java.nio.file.Path;

/** The three servers an ingest cell alternates between; the first is the baseline of the others' ratios. */
enum TargetKind {
    /** A minimal Netty HTTPS server with the agent's TLS: reads the body, answers 204. */
    BASELINE("baseline (Netty, 204)"),
    /** The agent with its spool on tmpfs ({@code /dev/shm}): fsync costs nothing, so this is its CPU cost. */
    AGENT_TMPFS("agent, spool on tmpfs"),
    /** The agent with its spool on the real disk: every commit is fsynced. */
    AGENT_DISK("agent, spool on disk");

    private final String label;

    TargetKind(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    boolean isAgent() {
        return this != BASELINE;
    }

    /** Starts a fresh target; agents get a new spool directory under {@code tmpfsRoot} or {@code diskRoot}. */
    Target start(Fixture fixture, Path tmpfsRoot, Path diskRoot, int run) throws Exception {
        return switch (this) {
            case BASELINE -> BaselineServer.start(fixture);
            case AGENT_TMPFS -> AgentUnderTest.start(fixture, tmpfsRoot.resolve("run-" + run));
            case AGENT_DISK -> AgentUnderTest.start(fixture, diskRoot.resolve("run-" + run));
        };
    }
}
