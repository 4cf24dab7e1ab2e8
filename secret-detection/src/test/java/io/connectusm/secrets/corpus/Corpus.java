package io.connectusm.secrets.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the corpus files ({@code src/test/resources/corpus/*.tsv}; their header explains the columns), expands
 * {@code {{prefix:NAME}}} lists and fills {@code {{generator#n|modifier}}} placeholders with fresh values.
 */
public final class Corpus {

    public static final String SECRETS = "secret-corpus.tsv";
    public static final String HARMLESS = "harmless-corpus.tsv";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z0-9-]+)(?:#(\\d+))?(?:\\|(url|json))?}}");
    private static final Pattern PREFIX = Pattern.compile("\\{\\{prefix:([a-z]+)}}");

    private Corpus() {
    }

    /** The seed of this run: {@code -Dcorpus.seed} to replay one, else fresh. */
    public static long seed() {
        return Long.getLong("corpus.seed", System.nanoTime());
    }

    /** Both corpora, secrets first. */
    public static List<CorpusCase> all(CorpusValues values) {
        List<CorpusCase> cases = new ArrayList<>(load(SECRETS, values));
        cases.addAll(load(HARMLESS, values));
        return cases;
    }

    public static List<CorpusCase> load(String resource, CorpusValues values) {
        Map<String, List<String>> prefixes = new HashMap<>();
        List<CorpusCase> cases = new ArrayList<>();
        try (InputStream in = Corpus.class.getResourceAsStream("/corpus/" + resource);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("@prefixes ")) {
                    String[] parts = line.substring(10).trim().split("\\s+");
                    List<String> list = new ArrayList<>();
                    for (int i = 1; i < parts.length; i++) {
                        list.add(parts[i].equals("-") ? "" : parts[i]);
                    }
                    prefixes.put(parts[0], list);
                    continue;
                }
                String[] columns = line.split("\t", -1);
                if (columns.length != 7) {
                    throw new IllegalStateException(resource + ":" + number + ": expected 7 columns, got "
                            + columns.length);
                }
                Matcher prefix = PREFIX.matcher(columns[2]);
                List<String> keys = new ArrayList<>();
                if (prefix.find()) {
                    List<String> list = prefixes.get(prefix.group(1));
                    if (list == null) {
                        throw new IllegalStateException(resource + ":" + number + ": unknown prefix list");
                    }
                    for (String p : list) {
                        keys.add(prefix.replaceFirst(Matcher.quoteReplacement(p)));
                    }
                } else {
                    keys.add(columns[2]);
                }
                for (String key : keys) {
                    cases.add(fill(resource, number, columns, key, values));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    private static CorpusCase fill(String resource, int line, String[] columns, String key, CorpusValues values) {
        Map<String, String> bound = new LinkedHashMap<>();
        List<String> secrets = new ArrayList<>();
        String value = substitute(unescape(columns[3]), bound, secrets, values);
        String extra = columns[6].equals("-") ? null : substitute(unescape(columns[6]), bound, secrets, values);
        return new CorpusCase(resource, line, columns[0], columns[1], key, value, columns[4],
                Setup.parse(columns[5]), extra, List.copyOf(secrets));
    }

    private static String substitute(String template, Map<String, String> bound, List<String> secrets,
                                     CorpusValues values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        int unnamed = 0;
        while (matcher.find()) {
            String generator = matcher.group(1);
            String binding = generator + "#" + (matcher.group(2) != null ? matcher.group(2) : "unnamed" + unnamed++);
            String value = bound.get(binding);
            if (value == null) {
                value = values.generate(generator);
                bound.put(binding, value);
                if (values.isSecret(generator)) {
                    secrets.add(value);
                }
            }
            String form = matcher.group(3) == null ? value
                    : matcher.group(3).equals("url") ? URLEncoder.encode(value, StandardCharsets.UTF_8)
                    : Leaks.jsonEscaped(value);
            matcher.appendReplacement(out, Matcher.quoteReplacement(form));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String unescape(String column) {
        return column.replace("\\n", "\n").replace("\\t", "\t");
    }
}
