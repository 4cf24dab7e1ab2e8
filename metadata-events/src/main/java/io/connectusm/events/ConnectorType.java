package io.connectusm.events;

/**
 * Whether a connector reads into Kafka or writes out of it; {@code UNKNOWN} when its class cannot be loaded.
 * Travels as the constant's name, e.g. {@code "SINK"}.
 */
public enum ConnectorType {
    SOURCE, SINK, UNKNOWN;
}
