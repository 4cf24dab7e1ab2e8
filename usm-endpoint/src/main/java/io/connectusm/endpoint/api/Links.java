package io.connectusm.endpoint.api;

/**
 * Where links in responses ({@code metadata.first/next}) point: relative ({@code /usm/v1/…?…}) by default, or
 * under the endpoint's configured public URL ({@code public.url}, e.g. its load balancer's). Never built from the
 * request's {@code Host} header, which the client controls: a link there could send the next request, with its
 * credentials, wherever the header said. Immutable.
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
