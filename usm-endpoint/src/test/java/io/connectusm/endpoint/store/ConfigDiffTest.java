package io.connectusm.endpoint.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ConfigDiffTest {

    @Test
    void reportsAddedRemovedAndChangedKeysInKeyOrder() {
        assertThat(ConfigDiff.between(Map.of("a", "1", "b", "2", "c", "3"), Map.of("b", "2", "c", "4", "d", "5")))
                .containsExactly(
                        new ConfigDiff.Change("a", ConfigDiff.Kind.REMOVED, "1", null),
                        new ConfigDiff.Change("c", ConfigDiff.Kind.CHANGED, "3", "4"),
                        new ConfigDiff.Change("d", ConfigDiff.Kind.ADDED, null, "5"));
    }

    @Test
    void equalConfigsHaveNoDiff() {
        assertThat(ConfigDiff.between(Map.of("a", "********"), Map.of("a", "********"))).isEmpty();
    }
}
