package io.connectusm.endpoint.store;

import java.nio.file.Path;

/**
 * The endpoint's database file is locked by another process, i.e. an endpoint is running on that data
 * directory: manage its API keys through its HTTP API instead, or stop it. Immutable.
 */
public final class DatabaseInUseException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient Path dataDir;

    DatabaseInUseException(Path dataDir) {
        super("the endpoint database under " + dataDir + " is in use by a running endpoint");
        this.dataDir = dataDir;
    }

    /** The data directory whose database is locked. */
    public Path dataDir() {
        return dataDir;
    }
}
