package io.connectusm.endpoint.store;

import java.util.Locale;

/** The cloud a USM entity is homed in, as Confluent names them. */
public enum Cloud {
    AWS, AZURE, GCP;

    /** Case-insensitive parse; an {@link IllegalArgumentException} naming {@code field} and the accepted values. */
    public static Cloud parse(String field, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " must be one of AWS, AZURE, GCP");
        }
    }
}
