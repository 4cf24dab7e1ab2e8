package io.connectusm.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@link ConnectorSnapshot#toBuilder()} reuses the checked, unmodifiable collections of the snapshot it came from
 * (what makes a worker's resync cheap) — and still checks every collection that was replaced: the masking invariant,
 * the reasons and the fingerprint can never be bypassed by starting from a valid snapshot.
 */
class SnapshotReuseTest {

    private final ConnectorSnapshot s = SampleEvents.snapshotWithReasons();

    @Test
    void aRebuiltSnapshotSharesItsCollectionsAndEqualsOneBuiltFromScratch() {
        ConnectorSnapshot resync = s.toBuilder().cause(ChangeCause.RESYNC).state(ConnectorState.PAUSED).build();

        assertThat(resync.config()).isSameAs(s.config());
        assertThat(resync.maskedKeys()).isSameAs(s.maskedKeys());
        assertThat(resync.maskReasons()).isSameAs(s.maskReasons());
        assertThat(resync.tasks()).isSameAs(s.tasks());
        assertThat(resync.configFingerprint()).isEqualTo(s.configFingerprint());
        ConnectorSnapshot fresh = ConnectorSnapshot.builder().name(s.name()).connectorClass(s.connectorClass())
                .connectorType(s.connectorType()).state(ConnectorState.PAUSED).workerId(s.workerId()).trace(s.trace())
                .tasks(s.tasks()).config(new TreeMap<>(s.config())).maskedKeys(new TreeSet<>(s.maskedKeys()))
                .maskReasons(new TreeMap<>(s.maskReasons())).cause(ChangeCause.RESYNC).traceMode(s.traceMode())
                .actor(s.actor()).topics(s.topics()).build();
        assertThat(resync).isEqualTo(fresh).hasSameHashCodeAs(fresh).hasToString(fresh.toString());
    }

    @Test
    void aReplacedConfigIsCheckedAndFingerprintedAgain() {
        String maskedKey = s.maskedKeys().first();
        TreeMap<String, String> clear = new TreeMap<>(s.config());
        clear.put(maskedKey, "hunter2-not-masked");
        assertThatThrownBy(() -> s.toBuilder().config(clear).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("hunter2");

        TreeMap<String, String> more = new TreeMap<>(s.config());
        more.put("an.extra.key", "value");
        ConnectorSnapshot changed = s.toBuilder().config(more).build();
        assertThat(changed.configFingerprint()).isEqualTo(ConfigFingerprint.of(more)).isNotEqualTo(s.configFingerprint());
        assertThat(changed.maskedKeys()).isEqualTo(s.maskedKeys());
    }

    @Test
    void replacedMaskedKeysOrReasonsAreCheckedAgainstTheSharedConfig() {
        String clearKey = s.config().keySet().stream().filter(k -> !s.maskedKeys().contains(k)
                && !ConnectorSnapshot.MASKED_VALUE.equals(s.config().get(k))).findFirst().orElseThrow();
        TreeSet<String> masked = new TreeSet<>(s.maskedKeys());
        masked.add(clearKey);
        assertThatThrownBy(() -> s.toBuilder().maskedKeys(masked).build()).isInstanceOf(IllegalArgumentException.class);

        TreeMap<String, String> reasons = new TreeMap<>(s.maskReasons());
        reasons.put("no.such.key", "type");
        assertThatThrownBy(() -> s.toBuilder().maskReasons(reasons).build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWrongFingerprintIsRefusedEvenWithTheSharedConfig() {
        String other = ConfigFingerprint.of(new TreeMap<>(java.util.Map.of("k", "v")));
        assertThatThrownBy(() -> s.toBuilder().configFingerprint(other).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(s.toBuilder().configFingerprint(s.configFingerprint()).build().config()).isSameAs(s.config());
    }

    @Test
    void replacedTasksAndTopicsAreCheckedAgain() {
        TaskSnapshot task = s.tasks().get(0);
        assertThatThrownBy(() -> s.toBuilder().tasks(List.of(task, task)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.toBuilder().topics(List.of("bad topic name")).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
