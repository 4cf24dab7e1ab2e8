package io.connectusm.secrets;

import io.connectusm.secrets.corpus.Corpus;
import io.connectusm.secrets.corpus.CorpusCase;
import io.connectusm.secrets.corpus.CorpusEvaluator;
import io.connectusm.secrets.corpus.CorpusValues;
import io.connectusm.secrets.corpus.Leaks;
import io.connectusm.secrets.corpus.Outcome;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every case of the adversarial corpus and of the over-masking corpus, with values generated fresh for this run:
 * each secret case masked for the expected reason with nothing of its secrets left (and, where the line says, the
 * rest kept exactly), each harmless case unchanged. Failure messages show the output with leaks replaced, never a
 * secret; {@code -Dcorpus.seed=} replays a run.
 */
class CorpusTest {

    private static final long SEED = Corpus.seed();
    private static final CorpusValues VALUES = new CorpusValues(SEED);

    @TestFactory
    Stream<DynamicTest> everyCorpusCaseComesOutAsItsLineExpects() {
        return Corpus.all(VALUES).stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> check(c)));
    }

    @Test
    void theCorporaAreAsLargeAsPromised() {
        List<CorpusCase> secrets = Corpus.load(Corpus.SECRETS, VALUES);
        List<CorpusCase> harmless = Corpus.load(Corpus.HARMLESS, VALUES);
        assertThat(secrets).hasSizeGreaterThanOrEqualTo(300);
        assertThat(harmless).hasSizeGreaterThanOrEqualTo(60);
        assertThat(secrets).allSatisfy(c -> assertThat(c.secrets()).as(c.id()).isNotEmpty());
        assertThat(harmless).extracting(CorpusCase::key).contains("aws.credentials.provider.class",
                "gcs.credentials.path", "credentials.file", "use.default.credentials", "aws.secret.name",
                "aws.secret.region", "kerberos.credentials.cache");
        assertThat(harmless).extracting(CorpusCase::value).contains("https://registry.example.org:443/@scope/pkg");
    }

    private static void check(CorpusCase c) {
        Outcome outcome = CorpusEvaluator.evaluate(c);
        if (outcome.failure() != null) {
            fail(c.id() + " (seed " + SEED + "): " + outcome.failure() + "\n  output: "
                    + Leaks.redact(c.secrets(), outcome.output()));
        }
    }
}
