package io.connectusm.endpoint.store;

import java.util.List;
import java.util.function.Function;

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

    /**
     * The page of a query that fetched up to {@code size + 1} items: the first {@code size}, and when one more
     * came, the key of the last item kept ({@code keyOf}) as where the next page starts.
     */
    static <T> Page<T> of(List<T> fetched, int size, int totalSize, Function<T, String> keyOf) {
        boolean more = fetched.size() > size;
        List<T> items = more ? fetched.subList(0, size) : fetched;
        return new Page<>(items, totalSize, more ? keyOf.apply(items.get(size - 1)) : null);
    }
}
