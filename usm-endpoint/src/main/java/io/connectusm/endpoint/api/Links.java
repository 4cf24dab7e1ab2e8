package io.connectusm.endpoint.api;

/**
 * Where links in responses ({@code metadata.first/next}) point: relative to the endpoint ({@code /usm/v1/…}), or
 * absolute under the configured {@code public.url} when one is set. Never built from the request's {@code Host}
 * header, which any client (or a proxy, or a DNS-rebinding page) chooses: a forged Host must not send the next
 * page's request, with its credentials, elsewhere. Immutable and thread-safe.
 */
public final class Links {

    private final String publicUrl;

    /** @param publicUrl {@code https://host[:port]} without a trailing slash, or empty for relative links */
    public Links(String publicUrl) {
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** Relative links. */
    public static Links relative() {
        return new Links("");
    }

    /** What a path is prefixed with in links: the public URL, or nothing. */
    String base() {
        return publicUrl;
    }
}
