package io.connectusm.endpoint.store;

/**
 * The endpoint's H2 database file is locked by another process, i.e. an endpoint is running on it: manage its API
 * keys through its HTTP API instead, or stop it. (A PostgreSQL database is never "in use" in this sense: every
 * replica shares it.) Immutable.
 */
public final class DatabaseInUseException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    DatabaseInUseException(String database) {
        super("the endpoint database " + database + " is in use by a running endpoint");
    }
}
