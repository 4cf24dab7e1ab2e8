package io.connectusm.endpoint.auth;

import java.util.Locale;

/**
 * What an API key may do. {@code AGENT}: post events and sightings, read registrations. {@code VIEWER}: read
 * the API (registrations, connectors, history, plugins, sightings) and the web console, change nothing.
 * {@code ADMIN}: everything, including managing registrations and API keys. Which route needs which role is the
 * route table's ({@code api.Access}).
 */
public enum ApiRole {
    AGENT, VIEWER, ADMIN;

    /** Parses {@code admin} / {@code agent} / {@code viewer}, case-insensitively. */
    public static ApiRole parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("role must be one of admin, agent, viewer; got: " + value);
        }
    }

    /** The lower-case name used on the command line and in listings. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
