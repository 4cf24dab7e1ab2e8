package io.connectusm.endpoint;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a list: the items, how many there are in all, and the token of the next page ({@code null}
 * on the last). Tokens are opaque to callers: the base64url of the last ID shown (keyset paging, so
 * concurrent inserts never shift a page). Immutable.
 */
record Page<T>(List<T> items, int totalSize, String nextToken) {

    static final int DEFAULT_SIZE = 10;
    static final int MAX_SIZE = 100;

    Page {
        items = List.copyOf(items);
    }

    static String token(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.getBytes(StandardCharsets.UTF_8));
    }

    /** The ID a token stands for; a 400 when it is not one of ours. */
    static String afterId(String token) {
        if (token == null || token.isEmpty()) {
            return "";
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw UsmApiException.badRequest("page_token is not valid");
        }
    }

    /** Parses {@code page_size}: 1..100, default 10. */
    static int size(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_SIZE;
        }
        try {
            int size = Integer.parseInt(value);
            if (size >= 1 && size <= MAX_SIZE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // fall through to the same message
        }
        throw UsmApiException.badRequest("page_size must be an integer from 1 to " + MAX_SIZE);
    }
}
