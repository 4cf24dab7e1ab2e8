package io.connectusm.endpoint.store;

import java.util.List;

/**
 * One page of a list: the items, how many there are in all, and the key after which the next page starts
 * ({@code null} on the last page). Keyset paging (the next page is "after this key", not "from offset n"), so
 * concurrent inserts never shift a page. Immutable.
 *
 * @param items     this page's items, in the list's order
 * @param totalSize how many items the whole list has
 * @param nextAfter the key of the last item when more follow, else {@code null}
 */
public record Page<T>(List<T> items, int totalSize, String nextAfter) {

    /** The largest page one query returns. */
    public static final int MAX_SIZE = 100;

    public Page {
        items = List.copyOf(items);
    }
}
