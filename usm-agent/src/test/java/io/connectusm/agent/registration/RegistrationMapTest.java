package io.connectusm.agent.registration;

import static io.connectusm.agent.TestEvents.CLUSTER;
import static io.connectusm.agent.TestEvents.OTHER_CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;

import io.connectusm.agent.registration.Registration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistrationMapTest {

    private static final Registration STATIC = new Registration(CLUSTER, "usmcc-static", "usmkc-1", "env-1", "s");
    private static final Registration PULLED = new Registration(OTHER_CLUSTER, "usmcc-pulled", "usmkc-1", "env-1", "p");

    @Test
    void mergesStaticAndEndpointRegistrationsAndReportsDeregistrations() {
        RegistrationMap map = new RegistrationMap();
        assertThat(map.isLoaded()).isFalse();
        map.replaceStatic(List.of(STATIC));
        assertThat(map.replaceFromEndpoint(List.of(PULLED))).isEmpty();
        assertThat(map.lookup(OTHER_CLUSTER)).contains(PULLED);
        assertThat(map.size()).isEqualTo(2);
        assertThat(map.replaceFromEndpoint(List.of())).containsExactly(OTHER_CLUSTER);
        assertThat(map.lookup(OTHER_CLUSTER)).isEmpty();
        assertThat(map.lookup(CLUSTER)).contains(STATIC);
        assertThat(map.isLoaded()).isTrue();
    }

    @Test
    void forgettingKeepsStaticRegistrations() {
        RegistrationMap map = new RegistrationMap();
        map.replaceStatic(List.of(STATIC));
        map.replaceFromEndpoint(List.of(PULLED, new Registration(CLUSTER, "usmcc-x", null, null, null)));
        map.forgetFromEndpoint(List.of(CLUSTER, OTHER_CLUSTER));
        assertThat(map.lookup(CLUSTER)).contains(STATIC);
        assertThat(map.lookup(OTHER_CLUSTER)).isEmpty();
    }
}
