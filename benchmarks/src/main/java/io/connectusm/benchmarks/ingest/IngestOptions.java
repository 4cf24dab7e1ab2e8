package io.connectusm.benchmarks.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The harness's options, with the full run's defaults or, with {@code --quick}, the quick run's. Immutable.
 *
 * @param cells          the matrix: every clients × events-per-POST pair
 * @param targets        the targets alternated in each cell; the first is the baseline of the ratios
 * @param connectors     connectors shared out between the clients
 * @param closedSeconds  the closed-loop window of each run
 * @param openSeconds    the fixed-rate window of each run, 0 for none
 * @param openFraction   the fixed rate as a fraction of the slowest agent's closed-loop median in the cell
 * @param alternations   runs of each target per cell and mode, interleaved
 * @param warmupSeconds  an unreported warm-up of each target before the first cell
 * @param provider       the agent's {@code ssl.provider}
 * @param tmpfsDir       where the tmpfs spools go
 * @param diskDir        where the on-disk spools go
 * @param command        the command line to print in the report
 * @param preEncoded     whether the clients send batches encoded up front instead of encoding each, as workers do
 * @param jfr            where to write a JFR recording (profile settings) of the closed-loop windows, or {@code null}
 */
record IngestOptions(List<Cell> cells, List<TargetKind> targets, int connectors, int closedSeconds, int openSeconds,
        double openFraction, int alternations, int warmupSeconds, String provider, Path tmpfsDir, Path diskDir,
        String command, boolean preEncoded, Path jfr) {

    static IngestOptions parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--quick")) {
                quick = true;
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("usage: [--quick] [--clients 1,4,16] [--batches 1,10,100] "
                        + "[--targets baseline,tmpfs,disk] [--connectors 1000] [--closed S] [--open S] "
                        + "[--open-fraction 0.5] [--alternations 3] [--warmup S] [--provider auto|openssl|jdk] "
                        + "[--tmpfs-dir /dev/shm] [--disk-dir DIR] [--command TEXT] [--pre-encoded true|false] [--jfr FILE]");
            }
        }
        List<Cell> cells = new ArrayList<>();
        for (int batch : ints(options.getOrDefault("batches", quick ? "1,100" : "1,10,100"))) {
            for (int clients : ints(options.getOrDefault("clients", quick ? "1,16" : "1,4,16"))) {
                cells.add(new Cell(clients, batch));
            }
        }
        List<TargetKind> targets = new ArrayList<>();
        for (String name : options.getOrDefault("targets", "baseline,tmpfs,disk").split(",")) {
            targets.add(switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "baseline" -> TargetKind.BASELINE;
                case "tmpfs" -> TargetKind.AGENT_TMPFS;
                case "disk" -> TargetKind.AGENT_DISK;
                default -> throw new IllegalArgumentException("unknown target " + name + " (baseline, tmpfs, disk)");
            });
        }
        int closed = Integer.parseInt(options.getOrDefault("closed", quick ? "2" : "4"));
        int open = Integer.parseInt(options.getOrDefault("open", quick ? "2" : "3"));
        if (closed < 1 || closed > 60 || open < 0 || open > 60) {
            throw new IllegalArgumentException("--closed 1..60 and --open 0..60 seconds");
        }
        return new IngestOptions(cells, targets, Integer.parseInt(options.getOrDefault("connectors", "1000")), closed,
                open, Double.parseDouble(options.getOrDefault("open-fraction", "0.5")),
                Integer.parseInt(options.getOrDefault("alternations", quick ? "1" : "3")),
                Integer.parseInt(options.getOrDefault("warmup", quick ? "9" : "30")),
                options.getOrDefault("provider", "auto"), Path.of(options.getOrDefault("tmpfs-dir", "/dev/shm")),
                Path.of(options.getOrDefault("disk-dir", "benchmarks/target/ingest-spool")),
                options.getOrDefault("command", "benchmarks/agent-ingest.sh " + String.join(" ", args)),
                Boolean.parseBoolean(options.getOrDefault("pre-encoded", "false")),
                options.containsKey("jfr") ? Path.of(options.get("jfr")) : null);
    }

    private static int[] ints(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt)
                .toArray();
    }
}
