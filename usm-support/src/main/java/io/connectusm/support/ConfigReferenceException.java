package io.connectusm.support;

/**
 * A {@code ${file:…}} or {@code ${env:…}} reference that cannot be resolved: the variable is not set, the file
 * cannot be read or lacks the key, or the reference is malformed. The message names the config key and the
 * reference, never a value it might resolve to, so it may be logged and shown.
 */
public final class ConfigReferenceException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;

    ConfigReferenceException(String key, String message) {
        super(key + ": " + message);
        this.key = key;
    }

    /** The config key whose value holds the reference. */
    public String key() {
        return key;
    }
}
