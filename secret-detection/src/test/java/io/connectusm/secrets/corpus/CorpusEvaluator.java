package io.connectusm.secrets.corpus;

import io.connectusm.secrets.ConfigMasker;
import io.connectusm.secrets.MaskReason;
import io.connectusm.secrets.MaskedConfig;
import io.connectusm.secrets.TextScrubber;

import java.util.Map;
import java.util.Objects;

/** Runs one corpus case through the public API, as the worker extension, agent and endpoint will. */
public final class CorpusEvaluator {

    private CorpusEvaluator() {
    }

    public static Outcome evaluate(CorpusCase c) {
        switch (c.kind()) {
            case "config":
                return config(c);
            case "trace":
                return trace(c);
            case "text":
                return text(c);
            default:
                throw new IllegalStateException(c.id() + ": unknown kind " + c.kind());
        }
    }

    private static MaskedConfig mask(CorpusCase c) {
        return new ConfigMasker(c.setup().options()).mask(Map.of(c.key(), c.value()), c.setup().declaredKeys(c.key()));
    }

    private static Outcome config(CorpusCase c) {
        MaskedConfig masked = mask(c);
        String output = masked.config().get(c.key());
        MaskReason reason = masked.reasons().get(c.key());
        String code = reason == null ? "keep" : reason.code();
        boolean leaked = Leaks.anySurvives(c.secrets(), output);
        String failure = null;
        if (c.harmless()) {
            if (!output.equals(c.value()) || reason != null) {
                failure = "over-masked: reason " + code;
            }
        } else if (c.knownMiss()) {
            if (!leaked) {
                failure = "a documented limit is now caught (reason " + code + "): move the case to its category";
            }
        } else if (leaked) {
            failure = "leaked (reason " + code + ")";
        } else if (!code.equals(c.expect())) {
            failure = "reason " + code + ", expected " + c.expect();
        } else if (c.extra() != null && !c.extra().equals(output)) {
            failure = "output differs from the expected one";
        }
        return new Outcome(c, output, code, leaked, failure);
    }

    private static Outcome trace(CorpusCase c) {
        MaskedConfig masked = mask(c);
        String trace = Objects.requireNonNull(c.extra(), "a trace case needs a trace");
        String output = masked.traceScrubber().scrub(trace);
        boolean leaked = Leaks.anySurvives(c.secrets(), output)
                || Leaks.anySurvives(c.secrets(), String.join("\n", masked.config().values()));
        String failure = null;
        if (c.harmless()) {
            if (!output.equals(trace)) {
                failure = "trace over-scrubbed";
            }
        } else if (leaked) {
            failure = "leaked from the trace";
        }
        return new Outcome(c, output, output.equals(trace) ? "keep" : "trace", leaked, failure);
    }

    private static Outcome text(CorpusCase c) {
        String output = TextScrubber.standard().scrub(c.value());
        boolean leaked = Leaks.anySurvives(c.secrets(), output);
        String failure = null;
        if (c.harmless()) {
            if (!output.equals(c.value())) {
                failure = "text over-scrubbed";
            }
        } else if (leaked) {
            failure = "leaked from the text";
        } else if (c.extra() != null && !c.extra().equals(output)) {
            failure = "output differs from the expected one";
        }
        return new Outcome(c, output, output.equals(c.value()) ? "keep" : "text", leaked, failure);
    }
}
