package io.connectusm.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result block of the JMH benchmarks ({@code benchmarks/jmh.sh}), from one JSON result file per round (each round
 * ran every benchmark once, so rounds are the alternations): per benchmark class and parameters, each method's score,
 * median [min–max] over the rounds, and its ratio to the class's baseline method (the one whose name starts with
 * {@code baseline}) with the same parameters in the same round. A class without a baseline method is listed without
 * ratios, flagged.
 *
 * <p>Usage: {@code JmhReport HEADER-LINE round-1.json [round-2.json …]}. Stateless.
 */
public final class JmhReport {

    private JmhReport() {
    }

    public static void main(String[] args) throws IOException {
        ObjectMapper json = new ObjectMapper();
        // class -> params -> method -> scores by round
        Map<String, Map<String, Map<String, List<Double>>>> scores = new TreeMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        for (int round = 1; round < args.length; round++) {
            for (JsonNode result : json.readTree(Path.of(args[round]).toFile())) {
                String benchmark = result.get("benchmark").asText();
                int dot = benchmark.lastIndexOf('.');
                String type = benchmark.substring(benchmark.lastIndexOf('.', dot - 1) + 1, dot);
                String method = benchmark.substring(dot + 1);
                StringBuilder params = new StringBuilder();
                JsonNode p = result.get("params");
                if (p != null) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> param = it.next();
                        params.append(params.length() == 0 ? "" : ", ").append(param.getKey()).append('=')
                                .append(param.getValue().asText());
                    }
                }
                JsonNode metric = result.get("primaryMetric");
                units.put(type, metric.get("scoreUnit").asText() + " (" + result.get("mode").asText() + ")");
                scores.computeIfAbsent(type, t -> new TreeMap<>()).computeIfAbsent(params.toString(),
                        k -> new TreeMap<>()).computeIfAbsent(method, m -> new ArrayList<>())
                        .add(metric.get("score").asDouble());
            }
        }
        StringBuilder out = new StringBuilder(args[0]).append("\n\n");
        for (Map.Entry<String, Map<String, Map<String, List<Double>>>> type : scores.entrySet()) {
            out.append("**").append(type.getKey()).append("** (").append(units.get(type.getKey())).append(")\n\n")
                    .append("| parameters | method | score | ratio to baseline |\n|---|---|---|---|\n");
            for (Map.Entry<String, Map<String, List<Double>>> params : type.getValue().entrySet()) {
                List<Double> baseline = params.getValue().entrySet().stream().filter(e -> e.getKey().startsWith("baseline"))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
                for (Map.Entry<String, List<Double>> method : params.getValue().entrySet()) {
                    String ratio = "–";
                    if (baseline == null) {
                        ratio = "no baseline method in the class";
                    } else if (method.getValue() != baseline) {
                        List<Double> ratios = new ArrayList<>();
                        for (int i = 0; i < Math.min(baseline.size(), method.getValue().size()); i++) {
                            ratios.add(method.getValue().get(i) / baseline.get(i));
                        }
                        ratio = "**" + Stats.spread(ratios, "%.2f") + "**";
                    }
                    out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", params.getKey().isEmpty() ? "–"
                            : params.getKey(), method.getKey(), Stats.spread(method.getValue(), "%,.2f"), ratio));
                }
            }
            out.append('\n');
        }
        System.out.print(out);
    }
}
