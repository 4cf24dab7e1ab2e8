package io.connectusm.extension;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The worker extension's current masker (package-private there) as a function, so that {@code MaskingBenchmark}
 * measures it as the baseline in the same run. Lives in the benchmarks module only.
 */
public final class LegacySecretMaskerAccess {

    private LegacySecretMaskerAccess() {
    }

    /** A masker with the default name patterns, loading plugin classes through this class's loader. */
    public static Function<Map<String, String>, Object> masker() {
        SecretMasker masker = new SecretMasker(
                new PasswordKeyResolver(LegacySecretMaskerAccess.class.getClassLoader(), Map.of()),
                SensitiveNamePatterns.withDefaultsAnd(List.of()));
        return masker::mask;
    }
}
