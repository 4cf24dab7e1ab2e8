package io.connectusm.endpoint.api;

import java.util.regex.Pattern;

import io.connectusm.endpoint.http.UsmApiException;
import io.connectusm.endpoint.store.Cloud;

/**
 * The shapes of the identifiers people type: shared by the JSON API, the web console's forms and the
 * configuration, so all accept and refuse exactly the same input. Every refusal is a 400 naming the field.
 * Stateless.
 */
public final class InputRules {

    /** {@code env-} and 1 to 64 letters, digits, {@code _} or {@code -}. */
    public static final Pattern ENVIRONMENT = Pattern.compile("env-[A-Za-z0-9_-]{1,64}");

    private static final Pattern LOCAL_ID = Pattern.compile("[A-Za-z0-9._:+=-]{1,255}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,64}");

    private InputRules() {
    }

    /** A local (Confluent Platform) cluster ID; a 400 naming {@code field} otherwise. */
    public static String localId(String field, String value) {
        if (value == null || value.isBlank()) {
            throw UsmApiException.badRequest(field + " is required");
        }
        if (!LOCAL_ID.matcher(value).matches()) {
            throw UsmApiException.badRequest(field + " must be 1 to 255 letters, digits or ._:+=-");
        }
        return value;
    }

    /** A cloud region like {@code us-east-1}; a 400 otherwise. */
    public static String region(String region) {
        if (!REGION.matcher(region).matches()) {
            throw UsmApiException.badRequest("region must be lower-case letters, digits and '-', like us-east-1");
        }
        return region;
    }

    /** An environment ID like {@code env-abc123}; a 400 otherwise. */
    public static String environment(String environment) {
        if (!ENVIRONMENT.matcher(environment).matches()) {
            throw UsmApiException.badRequest("environment must look like env-abc123");
        }
        return environment;
    }

    /** Whether {@code value} is an environment ID (for optional input that is ignored when it is not). */
    public static boolean isEnvironment(String value) {
        return value != null && ENVIRONMENT.matcher(value).matches();
    }

    /** AWS, AZURE or GCP, any case; a 400 naming {@code field} otherwise. */
    public static Cloud cloud(String field, String value) {
        try {
            return Cloud.parse(field, value);
        } catch (IllegalArgumentException e) {
            throw UsmApiException.badRequest(e.getMessage());
        }
    }
}
