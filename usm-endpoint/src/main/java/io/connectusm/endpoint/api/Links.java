package io.connectusm.endpoint.api;

import io.connectusm.endpoint.http.ApiRequest;

/**
 * Where links in responses ({@code metadata.first/next}) point: relative to the endpoint ({@code /usm/v1/…}), or
 * absolute under the configured {@code public.url} when one is set. Never built from the request's {@code Host}
 * header, which any client (or a proxy, or a DNS-rebinding page) chooses: a forged Host must not send the next
 * page's request, with its credentials, elsewhere. Immutable and thread-safe.
 */
public final class Links {

    private final String publicUrl;

    /** @param publicUrl {@code scheme://host[:port]} without a trailing slash, or {@code ""} for relative links */
    public Links(String publicUrl) {
        this.publicUrl = publicUrl;
    }

    /** Relative links. */
    public Links() {
        this("");
    }

    /** What link paths are prefixed with in the response to {@code request}: {@code public.url}, or {@code ""}. */
    String base(ApiRequest request) {
        return publicUrl;
    }
}
