package io.connectusm.secrets.corpus;

import java.util.List;

/**
 * One corpus line with its placeholders filled: what to mask or scrub, what must come out, and the generated
 * secrets that must not survive (never printed: see {@link Leaks#redact}).
 *
 * @param source   the corpus file
 * @param line     its line number (a prefix expansion shares the line)
 * @param kind     {@code config}, {@code trace} or {@code text}
 * @param expect   a reason code, {@code trace}, {@code text}, {@code miss} (a documented limit) or {@code keep}
 * @param extra    the expected output, or the trace to scrub, or null
 * @param secrets  every generated secret of the line
 */
public record CorpusCase(String source, int line, String category, String kind, String key, String value,
                         String expect, Setup setup, String extra, List<String> secrets) {

    /** Safe to print: file, line, category and key (keys never hold generated values). */
    public String id() {
        return source + ":" + line + " [" + category + "] " + (kind.equals("text") ? "(text)" : key);
    }

    /** The id only: a printed case (a property's falsified sample, say) shows no generated value. */
    @Override
    public String toString() {
        return id();
    }

    public boolean harmless() {
        return expect.equals("keep");
    }

    public boolean knownMiss() {
        return expect.equals("miss");
    }
}
