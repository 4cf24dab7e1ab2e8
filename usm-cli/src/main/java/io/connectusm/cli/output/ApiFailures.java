package io.connectusm.cli.output;

import io.connectusm.api.UsmApiException;
import io.connectusm.api.UsmConnectionException;
import io.connectusm.api.UsmProtocolException;

/**
 * What the user reads when a call of the {@code usm/v1} client fails: the endpoint's own message, or what to do
 * (a wrong key, an untrusted CA). Commands that know more (a 404 of an ID the user typed) explain it themselves
 * first. Stateless.
 */
public final class ApiFailures {

    private ApiFailures() {
    }

    /** The CLI failure for a failure of the client; {@code null} for anything else. */
    public static UsmCliException explain(RuntimeException failure) {
        if (failure instanceof UsmApiException e) {
            return e.isUnauthorized() ? new UsmCliException("authentication failed: check the API key and secret")
                    : new UsmCliException(e.getMessage());
        }
        if (failure instanceof UsmConnectionException e) {
            return e.reason() == UsmConnectionException.Reason.TLS
                    ? new UsmCliException(e.getMessage() + "; trust the endpoint's CA with --ca-cert or USM_CA_CERT")
                    : new UsmCliException(e.getMessage());
        }
        if (failure instanceof UsmProtocolException e) {
            return new UsmCliException(e.getMessage());
        }
        return null;
    }
}
