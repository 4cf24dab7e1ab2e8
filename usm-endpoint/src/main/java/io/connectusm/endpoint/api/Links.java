package io.connectusm.endpoint.api;

import java.util.regex.Pattern;

import io.connectusm.endpoint.http.ApiRequest;

/**
 * Where links in responses ({@code metadata.first/next}) point: {@code scheme://host[:port]} as the client
 * addressed the endpoint (its Host header, when well-formed), else the endpoint's own base URL, set once the port
 * is known (the bind address, e.g. 0.0.0.0, is no address for clients). Thread-safe.
 */
public final class Links {

    private static final Pattern HOST =
            Pattern.compile("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");

    private volatile String baseUrl = "";

    /** The endpoint's own base URL, e.g. {@code https://127.0.0.1:8443}. */
    public void baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** {@code scheme://host[:port]} for links in the response to {@code request}, without a trailing slash. */
    String base(ApiRequest request) {
        String base = baseUrl;
        String host = request.host();
        if (host != null && HOST.matcher(host).matches() && base.contains("://")) {
            return base.substring(0, base.indexOf("://") + 3) + host;
        }
        return base;
    }
}
