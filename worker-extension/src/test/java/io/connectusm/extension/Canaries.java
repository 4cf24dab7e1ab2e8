package io.connectusm.extension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random secret values ("canaries") and a search for them in every form a leak could take: raw,
 * JSON-escaped, URL-encoded and base64-encoded (at each of the three byte alignments).
 */
final class Canaries {

    /** For positions whose whole value is masked: includes characters that JSON and URLs escape. */
    private static final String ANY = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789\"\\/+=&%?#@:;{}";
    /**
     * For passwords inside URLs: the stripper cannot know where a password ends if it contains a separator of
     * its syntax (whitespace, ',', '"', and '&'/';' in parameters), so canaries there avoid them.
     */
    private static final String URL_SAFE = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_.~!*";

    /** Every searched form is longer than this; it keys the one-pass search. */
    private static final int PREFIX = 8;

    private final Random random;
    private final List<String> issued = new ArrayList<>();

    Canaries(long seed) {
        this.random = new Random(seed);
    }

    String any() {
        return issue("CANARY" + random(ANY, 18));
    }

    String urlSafe() {
        return issue("CANARY" + random(URL_SAFE, 18));
    }

    List<String> issued() {
        return List.copyOf(issued);
    }

    private String issue(String canary) {
        issued.add(canary);
        return canary;
    }

    private String random(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /** The canaries found in {@code text} in any form; empty when none leaked. One pass over the text. */
    List<String> leakedInto(String text) {
        Map<String, List<String[]>> byPrefix = new HashMap<>();
        for (String canary : issued) {
            for (String form : forms(canary)) {
                byPrefix.computeIfAbsent(form.substring(0, PREFIX), k -> new ArrayList<>())
                        .add(new String[] {canary, form});
            }
        }
        Set<String> leaked = new LinkedHashSet<>();
        for (int i = 0; i + PREFIX <= text.length(); i++) {
            List<String[]> candidates = byPrefix.get(text.substring(i, i + PREFIX));
            if (candidates != null) {
                for (String[] candidate : candidates) {
                    if (text.startsWith(candidate[1], i)) {
                        leaked.add(candidate[0] + " as " + candidate[1]);
                    }
                }
            }
        }
        return List.copyOf(leaked);
    }

    /** Every form to search for. The random part alone is searched too: a leak may drop the prefix. */
    static List<String> forms(String canary) {
        List<String> forms = new ArrayList<>();
        for (String value : List.of(canary, canary.substring("CANARY".length()))) {
            forms.add(value);
            forms.add(jsonEscaped(value));
            forms.add(jsonEscaped(value).replace("/", "\\/"));
            forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
            forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
            forms.addAll(base64Cores(value));
        }
        return forms;
    }

    private static String jsonEscaped(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** The part of base64(prefix + value) that depends only on value, for 0, 1 and 2 bytes of prefix. */
    private static List<String> base64Cores(String value) {
        List<String> cores = new ArrayList<>();
        for (int offset = 0; offset < 3; offset++) {
            String encoded = Base64.getEncoder().withoutPadding()
                    .encodeToString(("x".repeat(offset) + value).getBytes(StandardCharsets.UTF_8));
            int skip = offset == 0 ? 0 : 4;
            cores.add(encoded.substring(skip, encoded.length() - 4));
            cores.add(Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(("x".repeat(offset) + value).getBytes(StandardCharsets.UTF_8))
                    .substring(skip, encoded.length() - 4));
        }
        return cores;
    }
}
