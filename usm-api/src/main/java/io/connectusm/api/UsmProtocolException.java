package io.connectusm.api;

/**
 * The endpoint answered, but not as {@code usm/v1} promises: a body that is not JSON, a {@code metadata.next}
 * link to another origin (which is never followed: the credentials would go with it) or one that loops. The
 * message says which, naming the offending link's origin at most. Immutable.
 */
public final class UsmProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsmProtocolException(String message) {
        super(message, null, false, false);
    }
}
