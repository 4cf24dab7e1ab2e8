package io.connectusm.endpoint.store;

/**
 * A registration change the stored registrations do not allow, with the reason and a detail for the person who
 * asked. The API and the web forms turn the reason into their answer (a status, a page). Details name IDs only,
 * never secrets. Immutable.
 */
public final class RegistrationRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a change was refused. */
    public enum Reason {
        /** The cluster is registered in that environment already. */
        ALREADY_REGISTERED,
        /** A Connect cluster names a Kafka cluster not registered in its environment. */
        KAFKA_CLUSTER_NOT_REGISTERED,
        /** A Kafka cluster still has Connect clusters registered under it. */
        IN_USE,
        /** There is no such registration. */
        NOT_FOUND
    }

    private final Reason reason;

    RegistrationRefusedException(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
