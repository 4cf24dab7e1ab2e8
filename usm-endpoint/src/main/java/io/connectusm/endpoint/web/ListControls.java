package io.connectusm.endpoint.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.connectusm.endpoint.api.Call;
import io.connectusm.endpoint.store.ConnectorQuery;
import io.connectusm.endpoint.store.ConnectorQuery.Sort;
import io.connectusm.events.ConnectorState;

/**
 * The cluster page's list controls, read from its query string so that plain GET forms and links drive it (no
 * JavaScript needed) and every view has an address: {@code state} (a connector state, or {@code failing}: the
 * connector or a task FAILED), {@code q} (name contains, ignoring case), {@code sort} (as the API's: a
 * {@link Sort} label, {@code -} in front to reverse; failing first by default), {@code page_token} (keyset
 * paging, from the previous page) and {@code start} (the first line's number, for "51–100" only). A value the
 * page does not know is ignored, never an error. Builds the links that change one control and keep the others.
 * Immutable.
 *
 * @param state     a connector state name, {@link #FAILING}, or {@code null} for any
 * @param search    the name substring, or {@code null}
 * @param sort      the sort key
 * @param reversed  whether it runs against its natural direction
 * @param pageToken where the page starts ({@code ""}: the first page)
 * @param start     the number of the page's first line (1 on the first page)
 */
record ListControls(String state, String search, Sort sort, boolean reversed, String pageToken, int start) {

    static final String FAILING = "failing";
    static final int PAGE_SIZE = 50;
    static final int MAX_SEARCH = 255;

    /** The state filter's choices: value and label, "any" first. */
    static final Map<String, String> STATE_CHOICES = stateChoices();

    static ListControls of(Call call) {
        String state = call.query("state");
        if (!STATE_CHOICES.containsKey(state) || state.isEmpty()) {
            state = null;
        }
        String search = call.query("q");
        search = search == null || search.isBlank() ? null : search.strip();
        if (search != null && search.length() > MAX_SEARCH) {
            search = search.substring(0, MAX_SEARCH);
        }
        String sortText = call.query("sort");
        boolean reversed = sortText != null && sortText.startsWith("-");
        Sort sort = sortText == null ? null : Sort.of(reversed ? sortText.substring(1) : sortText);
        if (sort == null) {
            sort = Sort.FAILING;
            reversed = false;
        }
        String token = call.query("page_token");
        int start = 1;
        try {
            start = Math.max(1, Integer.parseInt(call.query("start") == null ? "1" : call.query("start")));
        } catch (NumberFormatException e) {
            // a mangled link: count from 1
        }
        return token == null || token.isEmpty() ? new ListControls(state, search, sort, reversed, "", 1)
                : new ListControls(state, search, sort, reversed, token, start);
    }

    /** The store's query for these controls. */
    ConnectorQuery query() {
        Set<String> states = state == null || state.equals(FAILING) ? Set.of() : Set.of(state);
        return new ConnectorQuery(states, null, FAILING.equals(state) ? Boolean.TRUE : null, null, search, sort,
                reversed);
    }

    /** The first page of the same list. */
    ListControls firstPage() {
        return new ListControls(state, search, sort, reversed, "", 1);
    }

    /** The value of the {@code sort} parameter, or {@code null} for the default order. */
    String sortParameter() {
        return sort == Sort.FAILING && !reversed ? null : (reversed ? "-" : "") + sort.label();
    }

    /** Whether any filter is set (then the page offers "Clear"). */
    boolean filtered() {
        return state != null || search != null;
    }

    /** {@code base} with these controls as its query string (defaults left out). */
    String link(String base) {
        Map<String, String> q = new LinkedHashMap<>();
        put(q, "state", state);
        put(q, "q", search);
        put(q, "sort", sortParameter());
        put(q, "page_token", pageToken.isEmpty() ? null : pageToken);
        put(q, "start", pageToken.isEmpty() ? null : Integer.toString(start));
        return q.isEmpty() ? base : base + "?" + q.entrySet().stream()
                .map(e -> e.getKey() + "=" + Html.url(e.getValue())).collect(Collectors.joining("&"));
    }

    /** The first page filtered on {@code newState} ({@code null}: any state), search and sort kept. */
    String stateLink(String base, String newState) {
        return new ListControls(newState, search, sort, reversed, "", 1).link(base);
    }

    /** The first page with no filter, sort kept. */
    String clearLink(String base) {
        return new ListControls(null, null, sort, reversed, "", 1).link(base);
    }

    /** The first page sorted by {@code key}: the same key again reverses it. */
    String sortLink(String base, Sort key) {
        return new ListControls(state, search, key, key == sort && !reversed, "", 1).link(base);
    }

    /** The page after this one, which starts after {@code token} and shows lines from {@code nextStart}. */
    String nextLink(String base, String token, int nextStart) {
        return new ListControls(state, search, sort, reversed, token, nextStart).link(base);
    }

    /** The {@code aria-sort} of the column sorted by {@code key}: "ascending", "descending" or {@code null}. */
    String ariaSort(Sort key) {
        if (key != sort) {
            return null;
        }
        boolean descending = key.naturallyDescending() != reversed;
        return descending ? "descending" : "ascending";
    }

    /** "▲"/"▼" after the sorted column's title, "" after the others. */
    String arrow(Sort key) {
        String aria = ariaSort(key);
        return aria == null ? "" : aria.equals("ascending") ? " ▲" : " ▼";
    }

    private static void put(Map<String, String> q, String name, String value) {
        if (value != null) {
            q.put(name, value);
        }
    }

    private static Map<String, String> stateChoices() {
        Map<String, String> choices = new LinkedHashMap<>();
        choices.put("", "any state");
        choices.put(FAILING, "failing (connector or a task FAILED)");
        for (ConnectorState s : ConnectorState.values()) {
            choices.put(s.name(), s.name().charAt(0) + s.name().substring(1).toLowerCase(Locale.ROOT));
        }
        return Collections.unmodifiableMap(choices);
    }
}
