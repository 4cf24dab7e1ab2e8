package io.connectusm.events;

/** The states Kafka Connect reports for a connector or a task. Travels as the constant's name, e.g. {@code "RUNNING"}. */
public enum ConnectorState {
    UNASSIGNED, RUNNING, PAUSED, STOPPED, FAILED, RESTARTING;
}
