package io.connectusm.secrets;

import io.connectusm.secrets.corpus.Corpus;
import io.connectusm.secrets.corpus.CorpusCase;
import io.connectusm.secrets.corpus.CorpusEvaluator;
import io.connectusm.secrets.corpus.CorpusValues;
import io.connectusm.secrets.corpus.Outcome;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Precision and recall of the whole corpus per category, as the table of docs/worker-extension.md
 * ("Masking corpus: precision and recall"); fails when the table drifts, {@code -Dupdate.docs=true} rewrites it.
 * Recall = secret cases with nothing of their secrets left / secret cases; precision = those / (those + harmless
 * cases that changed). The {@code limits} row holds documented limits, expected to be missed.
 */
class CorpusMetricsTest {

    private static final Map<String, String> CATEGORIES = new LinkedHashMap<>();

    static {
        CATEGORIES.put("type", "PASSWORD keys of clients, Schema Registry and loaded ConfigDefs, under every prefix");
        CATEGORIES.put("name", "secret words and pairs in every spelling; metadata names that must stay");
        CATEGORIES.put("pattern", "operator's `sensitive.key.patterns`");
        CATEGORIES.put("policy", "`masking.policy=strict`; declared and qualifier keys that must stay");
        CATEGORIES.put("url", "URL user-info, Oracle and scheme-less `user:password@host`; `@` that is no credential");
        CATEGORIES.put("inline", "`password=`, JSON, JAAS, `-D…`, headers, XML, query parameters; lookalike syntax");
        CATEGORIES.put("shape", "private keys, JWTs, cloud and SaaS tokens in values; hashes, IDs, certificates");
        CATEGORIES.put("trace", "traces echoing a connector's secrets whole, in part or encoded; ordinary traces");
        CATEGORIES.put("text", "the context-free scrubber on free text; ordinary messages");
        CATEGORIES.put("limits", "documented limits (expected misses)");
    }

    @Test
    void theDocumentedPrecisionAndRecallAreTheCorpusOwn() throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        for (CorpusCase c : Corpus.all(new CorpusValues(Corpus.seed()))) {
            outcomes.add(CorpusEvaluator.evaluate(c));
        }
        StringBuilder table = new StringBuilder();
        table.append("| category | what the cases hold | secret cases | caught | recall | harmless cases | "
                + "over-masked | precision |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
        int[] total = new int[4];
        for (Map.Entry<String, String> category : CATEGORIES.entrySet()) {
            int[] counts = counts(outcomes, category.getKey());
            if (!category.getKey().equals("limits")) {
                for (int i = 0; i < 4; i++) {
                    total[i] += counts[i];
                }
            }
            table.append(row(category.getKey(), category.getValue(), counts));
        }
        table.append(row("**all but limits**", "", total));
        int[] limits = counts(outcomes, "limits");
        int[] everything = {total[0] + limits[0], total[1] + limits[1], total[2] + limits[2], total[3] + limits[3]};
        table.append(row("**all**", "", everything));
        GeneratedDocs.check("worker-extension.md", "masking-corpus", table.toString());
    }

    /** Secret cases, caught, harmless cases, over-masked. */
    private static int[] counts(List<Outcome> outcomes, String category) {
        int[] counts = new int[4];
        for (Outcome o : outcomes) {
            if (!o.corpusCase().category().equals(category)) {
                continue;
            }
            if (o.corpusCase().harmless()) {
                counts[2]++;
                counts[3] += o.overMasked() ? 1 : 0;
            } else {
                counts[0]++;
                counts[1] += o.caught() ? 1 : 0;
            }
        }
        return counts;
    }

    private static String row(String name, String description, int[] c) {
        String recall = c[0] == 0 ? "—" : percent(c[1], c[0]);
        String precision = c[1] + c[3] == 0 ? "—" : percent(c[1], c[1] + c[3]);
        return "| " + name + " | " + description + " | " + c[0] + " | " + c[1] + " | " + recall + " | " + c[2]
                + " | " + c[3] + " | " + precision + " |\n";
    }

    private static String percent(int part, int whole) {
        return String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }
}
