package io.connectusm.secrets.corpus;

/**
 * What masking or scrubbing made of one corpus case.
 *
 * @param output  the masked value, or the scrubbed trace or text
 * @param reason  the masker's reason code for the key ({@code keep} when none; for traces and texts: {@code trace}
 *                or {@code text} when something was removed, else {@code keep})
 * @param leaked  some part of a generated secret survives in the output
 * @param failure why the case did not come out as its line expects (safe to print), or null
 */
public record Outcome(CorpusCase corpusCase, String output, String reason, boolean leaked, String failure) {

    /** A secret case whose secrets all went (the recall numerator). */
    public boolean caught() {
        return !corpusCase.harmless() && !leaked;
    }

    /** A harmless case that changed (the precision penalty). */
    public boolean overMasked() {
        return corpusCase.harmless() && failure != null;
    }
}
