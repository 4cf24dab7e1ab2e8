package io.connectusm.endpoint.auth;

import java.util.Locale;

/**
 * What an API key may do. {@code AGENT}: post events and sightings, read registrations. {@code ADMIN}:
 * everything, including managing registrations and reading connectors.
 */
public enum ApiRole {
    AGENT, ADMIN;

    /** Parses {@code admin} / {@code agent}, case-insensitively. */
    public static ApiRole parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("role must be one of admin, agent; got: " + value);
        }
    }

    /** The lower-case name used on the command line and in listings. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
