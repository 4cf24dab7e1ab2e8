package io.connectusm.endpoint.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.connectusm.endpoint.http.ApiResponse;
import io.connectusm.endpoint.http.UsmApiException;
import io.connectusm.endpoint.store.Page;

/**
 * A paged list of the API: its query parameters, {@code environment} (required), {@code page_size} (1 to
 * {@link Page#MAX_SIZE}, default 10) and the opaque {@code page_token} (the base64url of the key the next page
 * starts after), and its response with {@code metadata.first/next/total_size}. Stateless.
 */
final class Paging {

    static final int DEFAULT_SIZE = 10;

    private Paging() {
    }

    /** One page of an environment's list, read by {@code pages}, as the list resource {@code kind}. */
    static <T> ApiResponse respond(Call call, Links links, String path, String kind, PageReader<T> pages,
                                   Function<T, ObjectNode> item) {
        String env = JsonFields.requiredEnvironment(call);
        int size = size(call.query("page_size"));
        Page<T> page = pages.read(env, after(call.query("page_token")), size);
        return ApiResponse.json(200, ResourceJson.list(kind, page, item, links.base(call.request()) + path, env,
                size));
    }

    /** Reads one page of an environment's list: the items after key {@code after} ({@code ""} for the first). */
    @FunctionalInterface
    interface PageReader<T> {
        Page<T> read(String environment, String after, int size);
    }

    /** Parses {@code page_size}; a 400 when it is not a number in range. */
    static int size(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_SIZE;
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

    /** The key a {@code page_token} stands for ({@code ""} for none); a 400 when it is not one of ours. */
    static String after(String token) {
        if (token == null || token.isEmpty()) {
            return "";
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw UsmApiException.badRequest("page_token is not valid");
        }
    }

    /** The {@code page_token} of the page after {@code key}. */
    static String token(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }
}
