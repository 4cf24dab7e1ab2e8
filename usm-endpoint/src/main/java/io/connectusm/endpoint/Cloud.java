package io.connectusm.endpoint;

import java.util.Locale;

/** The cloud a USM entity is homed in, as Confluent names them. */
enum Cloud {
    AWS, AZURE, GCP;

    /** Case-insensitive parse; a 400 naming the accepted values otherwise. */
    static Cloud parse(String field, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw UsmApiException.badRequest(field + " must be one of AWS, AZURE, GCP");
        }
    }
}
