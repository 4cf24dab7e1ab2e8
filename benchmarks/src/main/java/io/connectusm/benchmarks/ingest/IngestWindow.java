package io.connectusm.benchmarks.ingest;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A JFR event spanning one timed window of the ingest harness, so that a profile ({@code --jfr}) can be read for
 * exactly the windows of one target ({@code benchmarks/profile-ingest.sh}). Fields are set once; JFR's own rules
 * for events apply (one thread begins and commits it).
 */
@Name("io.connectusm.benchmarks.IngestWindow")
@Label("Ingest window")
@Category("connect-usm")
@Description("One timed window of the agent ingest harness")
final class IngestWindow extends Event {

    @Label("Target")
    String target;

    @Label("Cell")
    String cell;

    @Label("Offered events/s (0: closed loop)")
    double rate;

    IngestWindow(String target, String cell, double rate) {
        this.target = target;
        this.cell = cell;
        this.rate = rate;
    }
}
