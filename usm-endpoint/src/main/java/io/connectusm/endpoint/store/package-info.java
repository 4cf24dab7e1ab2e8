/**
 * Persistence: the database ({@link io.connectusm.endpoint.store.Database}, an H2 file with pooled connections),
 * its schema migrations ({@code Migrations}, Flyway, scripts in {@code migration/}), the rows of each table, and
 * the domain rules that decide what a row becomes: {@code SnapshotApplier} (newest event wins by
 * {@code EventStamp}, change kinds, tombstones; pure, tested without a database),
 * {@link io.connectusm.endpoint.store.Sighting#mergedWith}. The stores ({@link io.connectusm.endpoint.store.Stores})
 * are what other packages use; row classes and JSON column codecs stay package-private.
 *
 * <p>Knows nothing of HTTP: refusals are {@link io.connectusm.endpoint.store.RegistrationRefusedException} and
 * failures {@link io.connectusm.endpoint.store.StoreException}, which the API maps to statuses. May call the wire
 * contract ({@code io.connectusm.events}), JDBC, H2, Flyway and Jackson; calls no other package of the endpoint.
 */
package io.connectusm.endpoint.store;
