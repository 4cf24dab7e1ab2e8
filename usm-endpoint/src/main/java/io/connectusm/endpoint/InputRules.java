package io.connectusm.endpoint;

import java.util.regex.Pattern;

/**
 * The shapes of values a caller gives for registrations, shared by the JSON API and the web page's forms so
 * both accept and refuse exactly the same input. Stateless.
 */
final class InputRules {

    private static final Pattern LOCAL_ID = Pattern.compile("[A-Za-z0-9._:+=-]{1,255}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,64}");

    private InputRules() {
    }

    /** A local (Confluent Platform) cluster ID; a 400 naming {@code field} otherwise. */
    static String localId(String field, String value) {
        if (value == null || value.isBlank()) {
            throw UsmApiException.badRequest(field + " is required");
        }
        if (!LOCAL_ID.matcher(value).matches()) {
            throw UsmApiException.badRequest(field + " must be 1 to 255 letters, digits or ._:+=-");
        }
        return value;
    }

    /** A cloud region like {@code us-east-1}; a 400 otherwise. */
    static String region(String region) {
        if (!REGION.matcher(region).matches()) {
            throw UsmApiException.badRequest("region must be lower-case letters, digits and '-', like us-east-1");
        }
        return region;
    }
}
