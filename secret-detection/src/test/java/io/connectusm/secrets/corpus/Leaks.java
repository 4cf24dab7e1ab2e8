package io.connectusm.secrets.corpus;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether any part of a generated secret survives in a text — raw, JSON-escaped or URL-encoded; whole, or any
 * 12-character window of it (so a half-cut secret counts as leaked) — and a printable form of such a text with
 * every surviving part replaced, so that no test output ever shows a secret.
 */
public final class Leaks {

    private static final int WINDOW = 12;

    private Leaks() {
    }

    public static boolean anySurvives(List<String> secrets, String text) {
        return anySurvives(secrets, text, "");
    }

    /**
     * Whether a part of a secret survives in {@code text}, not counting parts that {@code alsoIn} (the harmless
     * inputs mixed with the secrets) holds too: a public key shares the ASN.1 prefix of a private key, and that
     * is no leak.
     */
    public static boolean anySurvives(List<String> secrets, String text, String alsoIn) {
        if (text == null) {
            return false;
        }
        for (String secret : secrets) {
            for (String form : forms(secret)) {
                for (String window : windows(form)) {
                    if (text.contains(window) && !alsoIn.contains(window)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** {@code text} with every surviving part of every secret replaced by {@code <leak>}. */
    public static String redact(List<String> secrets, String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            for (String form : forms(secret)) {
                out = out.replace(form, "<leak>");
                for (String window : windows(form)) {
                    out = out.replace(window, "<leak>");
                }
            }
        }
        return out;
    }

    static String jsonEscaped(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
                .replace("\t", "\\t");
    }

    private static List<String> forms(String secret) {
        List<String> forms = new ArrayList<>(3);
        forms.add(secret);
        String json = jsonEscaped(secret);
        if (!json.equals(secret)) {
            forms.add(json);
        }
        String url = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        if (!url.equals(secret)) {
            forms.add(url);
        }
        return forms;
    }

    private static List<String> windows(String form) {
        List<String> windows = new ArrayList<>();
        if (form.length() <= WINDOW) {
            windows.add(form);
            return windows;
        }
        for (int start = 0; start + WINDOW <= form.length(); start += WINDOW / 2) {
            windows.add(form.substring(start, start + WINDOW));
        }
        windows.add(form.substring(form.length() - WINDOW));
        return windows;
    }
}
