package io.connectusm.endpoint.store;

import java.sql.SQLException;

/**
 * The one loop around a conditional write: read, decide, write only where the row is still what was read, and
 * when a concurrent writer (another thread, another replica) changed it first, read and decide again. Losing many
 * times in a row within one transaction is no race but a fault, reported as a {@link StoreException}. Stateless.
 */
final class Races {

    static final int MAX_LOST = 100;

    private Races() {
    }

    /** Runs {@code attempt} until it wins (returns non-{@code null}); its result. */
    static <T> T untilWon(String what, Attempt<T> attempt) throws SQLException {
        for (int lost = 0; lost < MAX_LOST; lost++) {
            T result = attempt.run();
            if (result != null) {
                return result;
            }
        }
        throw new StoreException(what + " kept changing under this transaction",
                new IllegalStateException(MAX_LOST + " lost races"));
    }

    /** One read-decide-write; {@code null} when a concurrent write won. */
    @FunctionalInterface
    interface Attempt<T> {
        T run() throws SQLException;
    }
}
