package io.connectusm.extension;

import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The namespace is told by the type {@code configurable()} returns, and each namespace loads its own adapter by
 * name (so the names in {@link JaxRsNamespace} must stay those of the adapter classes).
 */
class JaxRsNamespaceTest {

    @Test
    void tellsTheNamespaceByTheConfigurableType() {
        assertThat(JaxRsNamespace.ofConfigurable(jakarta.ws.rs.core.Configurable.class)).isEqualTo(JaxRsNamespace.JAKARTA);
        assertThat(JaxRsNamespace.ofConfigurable(javax.ws.rs.core.Configurable.class)).isEqualTo(JaxRsNamespace.JAVAX);
    }

    @Test
    void anyOtherTypeIsAMismatchNamingIt() {
        assertThatThrownBy(() -> JaxRsNamespace.ofConfigurable(Map.class))
                .isInstanceOf(WorkerApiMismatchException.class)
                .hasMessageContaining("java.util.Map")
                .hasMessageContaining("jakarta.ws.rs.core.Configurable");
    }

    @Test
    void eachNamespaceLoadsItsOwnAdapter() {
        assertThat(JaxRsNamespace.JAKARTA.registrar()).isInstanceOf(JakartaConnectorChangeFilter.Registrar.class);
        assertThat(JaxRsNamespace.JAVAX.registrar()).isInstanceOf(JavaxConnectorChangeFilter.Registrar.class);
    }

    @Test
    void theJakartaAdapterRegistersOnJersey3() {
        ResourceConfig jersey = new ResourceConfig();
        RestChangeInterpreter interpreter = new RestChangeInterpreter(new ConnectorChanges(),
                WorkerIdentity.fromWorkerProps(Map.of(), () -> "w"));

        JaxRsNamespace.JAKARTA.registrar().register(jersey, interpreter);

        assertThat(jersey.isRegistered(JakartaConnectorChangeFilter.class)).isTrue();
    }
}
