package io.connectusm.events;

/**
 * Thrown by the fast path of {@link EventScanner} ({@link FastScan}) where it is not certain of its verdict: a form
 * it does not read, a limit, a duplicate, a rule that fails, a malformed byte. Never seen outside the fast path: the
 * caller then scans the whole document again the exact way, which gives the verdict and the message. One shared
 * instance without a stack trace: giving up must cost no more than the scan it abandons.
 */
final class NotFast extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static final NotFast INSTANCE = new NotFast();

    private NotFast() {
        super("not on the fast path", null, false, false);
    }
}
