package io.connectusm.endpoint.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.connectusm.endpoint.store.WorkerPluginList;
import io.connectusm.events.PluginDescriptor;

/**
 * The plugins of one Connect cluster seen per plugin rather than per worker, for the web page: each distinct
 * (class, type, version) with the workers that have it, and the workers whose plugin set differs from the
 * cluster's most common one (what they lack and what they have extra). With 10 workers and 40 plugins that is
 * 40 rows and a short list of outliers instead of 400 rows. Immutable.
 *
 * @param workers    every worker's latest list, ordered by worker ID
 * @param plugins    every distinct plugin, ordered by class, type, version, with the workers that have it
 * @param deviations the workers whose set differs from the reference set, ordered by worker ID
 */
record PluginOverview(List<WorkerPluginList> workers, List<Plugin> plugins, List<Deviation> deviations) {

    /** Orders plugins by class name, type and version (no version first). */
    static final Comparator<PluginDescriptor> ORDER = Comparator.comparing(PluginDescriptor::className)
            .thenComparing(PluginDescriptor::type)
            .thenComparing(PluginDescriptor::version, Comparator.nullsFirst(Comparator.naturalOrder()));

    PluginOverview {
        workers = List.copyOf(workers);
        plugins = List.copyOf(plugins);
        deviations = List.copyOf(deviations);
    }

    /** One distinct plugin and the IDs of the workers that have it (sorted). */
    record Plugin(PluginDescriptor descriptor, Set<String> workerIds) {
        Plugin {
            workerIds = Collections.unmodifiableSet(new TreeSet<>(workerIds));
        }
    }

    /** A worker whose plugins differ from the reference set: what it lacks and what it has that others lack. */
    record Deviation(String workerId, List<PluginDescriptor> missing, List<PluginDescriptor> extra) {
        Deviation {
            missing = List.copyOf(missing);
            extra = List.copyOf(extra);
        }
    }

    /**
     * Groups the lists. The reference set is the plugin set most workers share (on a tie, the one of the first
     * such worker by ID), so one outlier is flagged rather than every worker; when no two workers share a set,
     * every worker but that first one is flagged.
     */
    static PluginOverview of(List<WorkerPluginList> lists) {
        List<WorkerPluginList> workers = new ArrayList<>(lists);
        workers.sort(Comparator.comparing(WorkerPluginList::workerId));
        Map<PluginDescriptor, Set<String>> byPlugin = new TreeMap<>(ORDER);
        Map<Set<PluginDescriptor>, Integer> setCounts = new LinkedHashMap<>();
        Map<String, Set<PluginDescriptor>> setOf = new LinkedHashMap<>();
        for (WorkerPluginList w : workers) {
            Set<PluginDescriptor> set = new TreeSet<>(ORDER);
            set.addAll(w.plugins());
            setOf.put(w.workerId(), set);
            setCounts.merge(set, 1, Integer::sum);
            for (PluginDescriptor p : set) {
                byPlugin.computeIfAbsent(p, k -> new TreeSet<>()).add(w.workerId());
            }
        }
        Set<PluginDescriptor> reference = mostCommon(setCounts);
        List<Deviation> deviations = new ArrayList<>();
        for (Map.Entry<String, Set<PluginDescriptor>> e : setOf.entrySet()) {
            Set<PluginDescriptor> set = e.getValue();
            if (!Objects.equals(set, reference)) {
                deviations.add(new Deviation(e.getKey(), reference.stream().filter(p -> !set.contains(p)).toList(),
                        set.stream().filter(p -> !reference.contains(p)).toList()));
            }
        }
        List<Plugin> plugins = byPlugin.entrySet().stream().map(e -> new Plugin(e.getKey(), e.getValue())).toList();
        return new PluginOverview(workers, plugins, deviations);
    }

    /** The first set with the highest count (insertion order is worker order), or {@code null} for none. */
    private static Set<PluginDescriptor> mostCommon(Map<Set<PluginDescriptor>, Integer> setCounts) {
        Set<PluginDescriptor> reference = null;
        int best = 0;
        for (Map.Entry<Set<PluginDescriptor>, Integer> e : setCounts.entrySet()) {
            if (e.getValue() > best) {
                best = e.getValue();
                reference = e.getKey();
            }
        }
        return reference;
    }

    /** Whether the worker's plugin set differs from the reference set. */
    boolean differs(String workerId) {
        return deviations.stream().anyMatch(d -> d.workerId().equals(workerId));
    }
}
