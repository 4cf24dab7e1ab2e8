package io.connectusm.cli.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.connectusm.api.ConnectClusterRegistration;
import io.connectusm.api.KafkaClusterRegistration;
import io.connectusm.api.UsmApiClient;
import io.connectusm.cli.login.TestUsmEndpoint;
import io.connectusm.cli.login.TestUsmEndpointExtension;

/**
 * The quickstart's registrations are checked against a real endpoint at start: what quickstart.properties names is
 * kept while the endpoint has it, and repaired when the cluster was deregistered (and perhaps registered again on
 * the page under another ID), instead of waiting on a registration that no longer exists.
 */
class QuickstartRegistrationsTest {

    static final String KAFKA = "qs-kafka-id";
    static final String CONNECT = "connect-quickstart";

    @RegisterExtension
    static final TestUsmEndpointExtension usm = new TestUsmEndpointExtension();

    UsmApiClient api;
    CliRegistrations.Connection connection;
    QuickstartState state;
    static int run;

    @BeforeEach
    void setUp() throws Exception {
        TestUsmEndpoint endpoint = usm.endpoint();
        api = endpoint.client();
        String env = "env-qs" + ++run;
        connection = new CliRegistrations.Connection(endpoint.url(), endpoint.admin().key(), endpoint.admin().secret(),
                endpoint.caPem().toString(), env);
        Path file = usm.dir().resolve("quickstart-" + run + ".properties");
        state = QuickstartState.load(file);
    }

    @Test
    void aFirstRunRegistersBothThroughTheCliAndASecondKeepsThem() throws Exception {
        QuickstartRegistrations.Result first = QuickstartRegistrations.ensure(api, connection, state, KAFKA, CONNECT);
        QuickstartRegistrations.Result second = QuickstartRegistrations.ensure(api, connection, state, KAFKA, CONNECT);

        assertThat(first.notes()).isEmpty();
        assertThat(api.connectCluster(first.usmConnectClusterId(), connection.environment())
                .confluentPlatformConnectClusterId()).isEqualTo(CONNECT);
        assertThat(second).isEqualTo(first);
        assertThat(state.get(QuickstartState.USM_CONNECT_CLUSTER_ID)).contains(first.usmConnectClusterId());
    }

    @Test
    void aClusterDeregisteredAndRegisteredAgainOnThePageIsAdopted() throws Exception {
        QuickstartRegistrations.Result first = QuickstartRegistrations.ensure(api, connection, state, KAFKA, CONNECT);
        api.deregisterConnectCluster(first.usmConnectClusterId(), null);
        String again = api.registerConnectCluster(new ConnectClusterRegistration(CONNECT, KAFKA, null, null, null,
                connection.environment())).id();

        QuickstartRegistrations.Result repaired = QuickstartRegistrations.ensure(api, connection, state, KAFKA,
                CONNECT);

        assertThat(repaired.usmConnectClusterId()).isEqualTo(again);
        assertThat(repaired.usmKafkaClusterId()).isEqualTo(first.usmKafkaClusterId());
        assertThat(repaired.notes()).containsExactly("usm.connect.cluster.id named " + first.usmConnectClusterId()
                + ", which the endpoint no longer has for Connect cluster " + CONNECT + "; using its current "
                + "registration " + again);
        assertThat(QuickstartState.load(usm.dir().resolve("quickstart-" + run + ".properties"))
                .get(QuickstartState.USM_CONNECT_CLUSTER_ID)).contains(again);
    }

    @Test
    void bothDeregisteredAreRegisteredAgain() throws Exception {
        QuickstartRegistrations.Result first = QuickstartRegistrations.ensure(api, connection, state, KAFKA, CONNECT);
        api.deregisterConnectCluster(first.usmConnectClusterId(), null);
        api.deregisterKafkaCluster(first.usmKafkaClusterId(), null);

        QuickstartRegistrations.Result repaired = QuickstartRegistrations.ensure(api, connection, state, KAFKA,
                CONNECT);

        assertThat(repaired.usmKafkaClusterId()).isNotEqualTo(first.usmKafkaClusterId()).startsWith("usmkc-");
        assertThat(repaired.usmConnectClusterId()).isNotEqualTo(first.usmConnectClusterId()).startsWith("usmcc-");
        assertThat(repaired.notes()).hasSize(2).allMatch(n -> n.contains("registered it again as"));
        assertThat(api.connectCluster(repaired.usmConnectClusterId(), null).usmKafkaClusterId())
                .isEqualTo(repaired.usmKafkaClusterId());
    }

    @Test
    void anIdOfAnotherClusterIsNotTrusted() throws Exception {
        api.registerKafkaCluster(new KafkaClusterRegistration("someone-else", null, "aws", "us-east-1",
                connection.environment()));
        String other = api.kafkaClusters(connection.environment()).get(0).id();
        state.put(QuickstartState.USM_KAFKA_CLUSTER_ID, other);

        QuickstartRegistrations.Result result = QuickstartRegistrations.ensure(api, connection, state, KAFKA, CONNECT);

        assertThat(result.usmKafkaClusterId()).isNotEqualTo(other);
        assertThat(api.kafkaCluster(result.usmKafkaClusterId(), null).confluentPlatformKafkaClusterId())
                .isEqualTo(KAFKA);
    }
}
