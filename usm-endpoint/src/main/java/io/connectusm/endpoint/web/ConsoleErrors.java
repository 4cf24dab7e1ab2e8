package io.connectusm.endpoint.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.connectusm.endpoint.api.RouteTable;
import io.connectusm.endpoint.http.ApiRequest;
import io.connectusm.endpoint.http.ApiResponse;
import io.connectusm.endpoint.http.UsmApiException;

/**
 * How the console answers a failure: as a page, never raw JSON. A caller who is not signed in (401) is sent to the
 * login page (303, back to the page afterwards for a GET), without a basic-auth challenge, so the browser never
 * caches basic credentials it would then replay cross-site; any other failure is an HTML page with the status,
 * a title and the reason (403 "Not allowed", 404 "Not found", ...). Stateless.
 */
final class ConsoleErrors implements RouteTable.ErrorPages {

    private static final Map<Integer, String> TITLES = Map.of(400, "Bad request", 403, "Not allowed",
            404, "Not found", 405, "Not supported", 413, "Too large", 415, "Not supported", 429, "Too many attempts",
            503, "Busy");

    @Override
    public ApiResponse render(ApiRequest request, UsmApiException failure) {
        if (failure.status() == 401) {
            String login = Paths.LOGIN;
            if (request.method().equals("GET")) {
                login += "?" + LoginPages.NEXT_FIELD + "=" + URLEncoder.encode(Paths.safeNext(request.path()),
                        StandardCharsets.UTF_8);
            }
            return ApiResponse.seeOther(login);
        }
        ApiResponse page = Templates.message(failure.status(), TITLES.getOrDefault(failure.status(), "Error"),
                failure.getMessage(), Paths.HOME);
        return failure.retryAfterSeconds() > 0
                ? page.withHeader("Retry-After", Integer.toString(failure.retryAfterSeconds())) : page;
    }
}
