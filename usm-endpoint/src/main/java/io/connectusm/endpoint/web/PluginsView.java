package io.connectusm.endpoint.web;

import java.util.List;

import io.connectusm.endpoint.store.WorkerPluginList;
import io.connectusm.events.PluginDescriptor;

/**
 * The plugins section of a Connect cluster's page, folded: its summary ("4 plugins on 3 workers", "1 worker
 * differs"), then the workers that differ from the most common plugin set, one line per distinct plugin with
 * "on N of M workers", and one line per worker. Immutable.
 *
 * @param summary    how many distinct plugins on how many workers
 * @param differ     how many workers differ, or {@code null} when none does
 * @param noWorkers  whether no worker reported its plugins yet
 * @param deviations the workers whose set differs, with what each lacks and has in addition
 * @param plugins    one line per distinct (class, type, version)
 * @param workers    one line per worker
 */
record PluginsView(String summary, String differ, boolean noWorkers, List<PluginOverview.Deviation> deviations,
                   List<PluginLine> plugins, List<WorkerLine> workers) {

    /**
     * One distinct plugin: "on N of M workers", and when not on all, the shorter of the workers that have it
     * ("only on") and those that lack it ("not on").
     */
    record PluginLine(PluginDescriptor plugin, String on, boolean onAll, String whichLabel, String which) {
    }

    /** One worker's report and whether its set differs from the most common one. */
    record WorkerLine(WorkerPluginList worker, boolean differs) {
    }

    PluginsView {
        deviations = List.copyOf(deviations);
        plugins = List.copyOf(plugins);
        workers = List.copyOf(workers);
    }

    static PluginsView of(PluginOverview overview) {
        int m = overview.workers().size();
        int d = overview.deviations().size();
        String summary = Html.count(overview.plugins().size(), "plugin", "plugins") + " on "
                + Html.count(m, "worker", "workers");
        String differ = d == 0 ? null : d + (d == 1 ? " worker differs" : " workers differ");
        List<PluginLine> plugins = overview.plugins().stream().map(p -> line(p, overview)).toList();
        List<WorkerLine> workers = overview.workers().stream()
                .map(w -> new WorkerLine(w, overview.differs(w.workerId()))).toList();
        return new PluginsView(summary, differ, m == 0, overview.deviations(), plugins, workers);
    }

    private static PluginLine line(PluginOverview.Plugin p, PluginOverview overview) {
        int m = overview.workers().size();
        int n = p.workerIds().size();
        String on = "on " + n + " of " + Html.count(m, "worker", "workers");
        List<String> lacking = overview.workers().stream().map(WorkerPluginList::workerId)
                .filter(w -> !p.workerIds().contains(w)).toList();
        boolean fewerHave = n <= lacking.size();
        return new PluginLine(p.descriptor(), on, n == m, fewerHave ? "only on" : "not on",
                String.join(", ", fewerHave ? p.workerIds() : lacking));
    }
}
