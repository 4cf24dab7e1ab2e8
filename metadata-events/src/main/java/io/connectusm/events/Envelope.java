package io.connectusm.events;

/**
 * The CloudEvents attributes the contract uses, and the outline of one event for bounded reading. Other
 * attributes (extensions added by intermediaries or by later versions, {@code dataschema}) are skipped:
 * forward compatibility. Constants only.
 */
final class Envelope {

    static final String SPECVERSION = "specversion";
    static final String ID = "id";
    static final String SOURCE = "source";
    static final String TYPE = "type";
    static final String SUBJECT = "subject";
    static final String TIME = "time";
    static final String DATACONTENTTYPE = "datacontenttype";
    static final String DATA = "data";
    static final String KAFKA_CLUSTER_ID = "kafkaclusterid";
    static final String CONNECT_CLUSTER_ID = "connectclusterid";
    static final String WORKER_ID = "workerid";
    static final String EPOCH = "epoch";
    static final String SEQUENCE = "sequence";

    static final String SPEC_VERSION_1 = "1.0";
    static final String DATA_CONTENT_TYPE = "application/json";

    static final Shape.Fields SHAPE = Shape.fields(
            SPECVERSION, Shape.SCALAR,
            ID, Shape.SCALAR,
            SOURCE, Shape.SCALAR,
            TYPE, Shape.SCALAR,
            SUBJECT, Shape.SCALAR,
            TIME, Shape.SCALAR,
            DATACONTENTTYPE, Shape.SCALAR,
            KAFKA_CLUSTER_ID, Shape.SCALAR,
            CONNECT_CLUSTER_ID, Shape.SCALAR,
            WORKER_ID, Shape.SCALAR,
            EPOCH, Shape.SCALAR,
            SEQUENCE, Shape.SCALAR,
            DATA, PayloadFormats.DATA_SHAPE);

    private Envelope() {
    }
}
