package io.connectusm.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Golden-file comparison for CLI output under {@code src/test/resources/golden/registration/}. Random resource
 * IDs are replaced, in order of first appearance, by fixed ones of the same length ({@code usmcc-000000000001}),
 * so table widths stay exactly as printed. Run with {@code -Dgolden.update=true} to rewrite the files.
 */
public final class Golden {

    private static final Pattern IDS = Pattern.compile("(usmcc|usmkc)-[a-z0-9]{12}");
    private static final Path SOURCE_DIR = Path.of("src/test/resources/golden/registration");

    private Golden() {
    }

    /** Replaces random IDs with stable ones of the same length. */
    public static String normalize(String text) {
        Map<String, String> seen = new LinkedHashMap<>();
        Matcher m = IDS.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String id = m.group();
            String stable = seen.computeIfAbsent(id, k -> String.format("%s-%012d", m.group(1), seen.size() + 1));
            m.appendReplacement(out, stable);
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Renumbers IDs by their sort order instead of their first appearance, for a sorted list whose random IDs
     * would otherwise number differently from run to run.
     */
    public static String byIdOrder(String text) {
        java.util.TreeSet<String> ids = new java.util.TreeSet<>();
        Matcher m = IDS.matcher(text);
        while (m.find()) {
            ids.add(m.group());
        }
        Map<String, String> stable = new LinkedHashMap<>();
        int n = 1;
        for (String id : ids) {
            stable.put(id, String.format("%s-%012d", id.substring(0, 5), n++));
        }
        Matcher r = IDS.matcher(text);
        StringBuilder out = new StringBuilder();
        while (r.find()) {
            r.appendReplacement(out, stable.get(r.group()));
        }
        r.appendTail(out);
        return out.toString();
    }

    public static void assertMatches(String name, String actual) {
        String normalized = normalize(actual);
        if (Boolean.getBoolean("golden.update")) {
            try {
                Files.createDirectories(SOURCE_DIR);
                Files.writeString(SOURCE_DIR.resolve(name), normalized);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        try (InputStream in = Golden.class.getResourceAsStream("/golden/registration/" + name)) {
            assertThat(in).as("golden file golden/registration/" + name).isNotNull();
            assertThat(normalized).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
