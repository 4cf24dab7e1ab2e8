package io.connectusm.endpoint.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectusm.endpoint.http.ApiResponse;
import io.connectusm.endpoint.http.UsmApiException;
import io.connectusm.endpoint.store.Page;

/**
 * A paged list of the API: its query parameters {@code page_size} (1 to {@link Page#MAX_SIZE}) and the opaque
 * {@code page_token} (the base64url of the key the next page starts after), and its response with
 * {@code metadata.first/next/total_size}, whose links repeat the list's filters so the next page is of the same
 * list. Stateless.
 */
final class Paging {

    static final int DEFAULT_SIZE = 10;

    private Paging() {
    }

    /** One page of an environment's list ({@code environment} required), read by {@code pages}. */
    static <T> ApiResponse respond(Call call, Links links, String path, String kind, PageReader<T> pages,
                                   Function<T, ObjectNode> item) {
        String env = JsonFields.requiredEnvironment(call);
        int size = size(call, DEFAULT_SIZE);
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("environment", env);
        return respond(links, path, kind, filters, size, pages.read(env, after(call), size), item);
    }

    /**
     * A page as the list resource {@code kind}: {@code path} is the collection's (unencoded segments already
     * encoded), {@code filters} the query parameters that select the list, in the order links repeat them.
     */
    static <T> ApiResponse respond(Links links, String path, String kind, Map<String, String> filters, int size,
                                   Page<T> page, Function<T, ObjectNode> item) {
        return ApiResponse.json(200, ResourceJson.list(kind, page, item, links.base() + path, filters, size));
    }

    /** Reads one page of an environment's list: the items after key {@code after} ({@code ""} for the first). */
    @FunctionalInterface
    interface PageReader<T> {
        Page<T> read(String environment, String after, int size);
    }

    /** The request's {@code page_size}, or {@code defaultSize}; a 400 when it is not a number in range. */
    static int size(Call call, int defaultSize) {
        String value = call.query("page_size");
        if (value == null || value.isEmpty()) {
            return defaultSize;
        }
        try {
            int size = Integer.parseInt(value);
            if (size >= 1 && size <= Page.MAX_SIZE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // fall through to the same message
        }
        throw UsmApiException.badRequest("page_size must be an integer from 1 to " + Page.MAX_SIZE);
    }

    /** The key the request's {@code page_token} stands for ({@code ""} for none); a 400 when it is not ours. */
    static String after(Call call) {
        String token = call.query("page_token");
        if (token == null || token.isEmpty()) {
            return "";
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw badToken();
        }
    }

    static UsmApiException badToken() {
        return UsmApiException.badRequest("page_token is not valid");
    }

    /** The {@code page_token} of the page after {@code key}. */
    static String token(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }
}
