package io.connectusm.api;

import java.net.URI;
import java.util.Locale;

/**
 * Scheme, host and port of the base URL (RFC 6454), the one origin a {@link UsmApiClient} ever sends its
 * credentials to. Default ports count as given ({@code https://h} equals {@code https://h:443}); host names
 * compare without case. Immutable.
 *
 * @param scheme {@code http} or {@code https}, lower case
 * @param host   lower case; an IPv6 literal keeps its brackets
 * @param port   the effective port
 */
record Origin(String scheme, String host, int port) {

    /** @throws IllegalArgumentException unless {@code uri} is an absolute http(s) URL with a host */
    static Origin of(URI uri) {
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("not an http or https URL (scheme " + uri.getScheme() + ")");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            // The authority is left out of the message: a user-info part may hold a password.
            throw new IllegalArgumentException("not a URL of a host: user info or host missing in a " + scheme
                    + " URL");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
        return new Origin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port);
    }

    boolean secure() {
        return scheme.equals("https");
    }

    /** Whether {@code uri} is absolute and of this origin (a URL with user info never is). */
    boolean contains(URI uri) {
        if (!uri.isAbsolute() || uri.getRawUserInfo() != null) {
            return false;
        }
        try {
            return of(uri).equals(this);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return scheme + "://" + host + ":" + port;
    }
}
