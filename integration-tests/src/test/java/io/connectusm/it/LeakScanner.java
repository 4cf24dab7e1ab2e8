package io.connectusm.it;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Searches text for every planted secret in every form a leak could take: raw, JSON-escaped (also with {@code \/}),
 * URL-encoded ({@code +} or {@code %20} for spaces), HTML-escaped (a console page), base64 (standard and URL
 * alphabets, at each of the three byte alignments), and every 16-character window of the raw secret (a value
 * cut in half, a prefix dropped). One pass per text, keyed by the first 8 characters of each form.
 *
 * <p>A finding names the secret's label (connector, key, category) and the form, never the secret. Not thread-safe.
 */
final class LeakScanner {

    private static final int KEY = 8;
    private static final int WINDOW = 16;

    private record Needle(String label, String form, String text) {
    }

    private final Map<String, List<Needle>> byPrefix = new HashMap<>();
    private int needles;

    LeakScanner(List<PlantedSecrets.Planted> planted) {
        for (PlantedSecrets.Planted secret : planted) {
            for (String needle : secret.needles()) {
                addForms(secret.label(), needle);
            }
        }
    }

    int needles() {
        return needles;
    }

    /** The findings in {@code text}, each {@code "<label> as <form> in <place>"}; empty when nothing leaked. */
    Set<String> scan(String place, String text) {
        Set<String> found = new LinkedHashSet<>();
        for (int i = 0; i + KEY <= text.length(); i++) {
            List<Needle> candidates = byPrefix.get(text.substring(i, i + KEY));
            if (candidates == null) {
                continue;
            }
            for (Needle needle : candidates) {
                if (text.startsWith(needle.text(), i)) {
                    found.add(needle.label() + " as " + needle.form() + " in " + place);
                }
            }
        }
        return found;
    }

    private void addForms(String label, String secret) {
        add(label, "raw", secret);
        String json = secret.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t");
        add(label, "JSON-escaped", json);
        add(label, "JSON-escaped", json.replace("/", "\\/"));
        String url = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        add(label, "URL-encoded", url);
        add(label, "URL-encoded", url.replace("+", "%20"));
        String html = secret.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        add(label, "HTML-escaped", html.replace("\"", "&#34;").replace("'", "&#39;"));
        add(label, "HTML-escaped", html.replace("\"", "&quot;").replace("'", "&#x27;"));
        for (String core : base64Cores(secret)) {
            add(label, "base64", core);
        }
        for (int i = 0; i + WINDOW <= secret.length(); i++) {
            add(label, "16-character part", secret.substring(i, i + WINDOW));
        }
    }

    private void add(String label, String form, String text) {
        if (text.length() < WINDOW) {
            return;
        }
        List<Needle> list = byPrefix.computeIfAbsent(text.substring(0, KEY), k -> new ArrayList<>());
        for (Needle existing : list) {
            if (existing.text().equals(text) && existing.label().equals(label)) {
                return;
            }
        }
        list.add(new Needle(label, form, text));
        needles++;
    }

    /** The part of base64(prefix + value) that depends only on value, for 0, 1 and 2 bytes of prefix. */
    private static List<String> base64Cores(String value) {
        List<String> cores = new ArrayList<>();
        for (int offset = 0; offset < 3; offset++) {
            byte[] bytes = ("x".repeat(offset) + value).getBytes(StandardCharsets.UTF_8);
            String standard = Base64.getEncoder().withoutPadding().encodeToString(bytes);
            String url = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            int skip = offset == 0 ? 0 : 4;
            if (standard.length() - 4 > skip) {
                cores.add(standard.substring(skip, standard.length() - 4));
                cores.add(url.substring(skip, url.length() - 4));
            }
        }
        return cores;
    }
}
