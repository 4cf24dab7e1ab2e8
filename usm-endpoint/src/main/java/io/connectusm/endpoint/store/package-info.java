/**
 * Persistence: the database ({@link io.connectusm.endpoint.store.Database}, an H2 file or a PostgreSQL server that
 * several replicas share, over a HikariCP pool; {@code Dialect} holds the little that differs), its schema
 * migrations ({@code Migrations}, Flyway, scripts in {@code migration/common} and per vendor), the rows of each
 * table, and the domain rules that decide what a row becomes: {@code SnapshotApplier} (newest event wins by
 * {@code EventStamp}, change kinds, tombstones; pure, tested without a database) with {@code FactAuthority} (which
 * worker is authoritative for which fact when workers disagree; {@code MergeState}, {@link
 * io.connectusm.endpoint.store.Disagreement}), carried out by writes that are
 * conditional on the row read ({@code ConnectorRows}, {@code Races}), so replicas never lose an update;
 * {@link io.connectusm.endpoint.store.Sighting#mergedWith}. Also the connector list's queries
 * ({@link io.connectusm.endpoint.store.ConnectorQuery}), the keys every replica signs with
 * ({@link io.connectusm.endpoint.store.SharedKeys}), the periodic jobs that run on one replica at a time under a
 * lock row ({@link io.connectusm.endpoint.store.ReplicaJob}: the history retention
 * {@link io.connectusm.endpoint.store.HistoryRetention} and the webhook delivery), the one record of when each
 * cluster last reported ({@link io.connectusm.endpoint.store.ClusterReportStore}) and the copy of a whole database
 * ({@link io.connectusm.endpoint.store.DatabaseCopy}). The stores ({@link io.connectusm.endpoint.store.Stores})
 * are what other packages use; row classes and JSON column codecs stay package-private.
 *
 * <p>Knows nothing of HTTP: refusals are {@link io.connectusm.endpoint.store.RegistrationRefusedException} and
 * failures {@link io.connectusm.endpoint.store.StoreException}, which the API maps to statuses. May call the wire
 * contract ({@code io.connectusm.events}), JDBC, H2, PostgreSQL's driver (through JDBC only), HikariCP, Flyway and
 * Jackson, and secret-detection's scrubber (a failed job's log line); calls no other package of the endpoint.
 */
package io.connectusm.endpoint.store;
