package io.connectusm.cli.quickstart;

import java.util.List;

/**
 * The literal secrets the sample MirrorSourceConnector carries in PASSWORD-typed properties. They are fake and
 * deliberately recognisable: public so that tests can assert they never appear in anything the quickstart prints,
 * the endpoint stores or an event carries. Immutable.
 */
public final class SampleSecrets {

    /** The value of the sample's {@code ssl.truststore.password}. */
    public static final String TRUSTSTORE_PASSWORD = "qs-truststore-secret-3f9c1a";

    /** The password inside the sample's {@code sasl.jaas.config}. */
    public static final String JAAS_PASSWORD = "qs-jaas-secret-b72e04";

    /** Every sample secret. */
    public static final List<String> ALL = List.of(TRUSTSTORE_PASSWORD, JAAS_PASSWORD);

    private SampleSecrets() {
    }
}
