package io.connectusm.endpoint.testing;

import java.nio.file.Path;

/**
 * A test fixture that lives on one database at a time: {@link EachDatabase} starts it on each vendor in turn
 * (before that vendor's run of the class's tests) and stops it after. Declared as a static field of the test class.
 */
public interface DatabaseBound {

    /** Starts on a fresh database of {@code vendor}; files go under {@code dir} (created, empty). */
    void startOn(Vendor vendor, Path dir) throws Exception;

    /** Stops and drops what {@link #startOn} made. */
    void stop() throws Exception;
}
