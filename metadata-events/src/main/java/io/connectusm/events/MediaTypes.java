package io.connectusm.events;

/** The HTTP content types of the wire contract. Constants only. */
public final class MediaTypes {

    /** One event in CloudEvents structured mode. */
    public static final String CLOUDEVENTS_JSON = "application/cloudevents+json";

    /** A batch: a JSON array of structured-mode events. */
    public static final String CLOUDEVENTS_BATCH_JSON = "application/cloudevents-batch+json";

    private MediaTypes() {
    }
}
