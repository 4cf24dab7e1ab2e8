package io.connectusm.certs;

/** Checks common names before they go into a certificate subject. Stateless. */
final class CommonNames {
    // X.520 upper bound for a common name (ub-common-name); longer ones are rejected by strict parsers.
    private static final int MAX_LENGTH = 64;

    private CommonNames() {
    }

    static String requireValid(String commonName) {
        if (commonName == null || commonName.isBlank()) {
            throw new IllegalArgumentException("a certificate needs a common name (CN), and it was empty");
        }
        if (commonName.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("common name '" + commonName + "' is longer than " + MAX_LENGTH
                    + " characters");
        }
        if (commonName.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("common name '" + commonName.strip() + "' contains control characters");
        }
        return commonName;
    }
}
