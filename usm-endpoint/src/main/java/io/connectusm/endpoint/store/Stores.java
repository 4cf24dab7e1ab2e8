package io.connectusm.endpoint.store;

/**
 * The stores over one database, built once and shared by the API and the web console. Immutable; each store is
 * thread-safe.
 *
 * @param registrations Kafka and Connect cluster registrations
 * @param connectors    connector state and history (where ingest writes)
 * @param sightings     clusters agents have seen
 * @param plugins       every worker's plugin list
 * @param sharedKeys    secret keys every replica on the database uses alike (session and form-token signing)
 * @param reports       when each registered cluster was last heard from, and through which agent keys
 */
public record Stores(RegistrationStore registrations, ConnectorStore connectors, SightingStore sightings,
                     WorkerPluginStore plugins, SharedKeys sharedKeys, ClusterReportStore reports) {

    public static Stores over(Database database, IdGenerator ids) {
        return over(database, ids, Integer.MAX_VALUE);
    }

    /** @param sightingsPerEnvironment most sightings kept per environment (the newest) */
    public static Stores over(Database database, IdGenerator ids, int sightingsPerEnvironment) {
        return over(database, ids, sightingsPerEnvironment, ConnectorStore.Hooks.none(database));
    }

    /** @param hooks what applied batches also feed (webhook outbox, report times, metrics) */
    public static Stores over(Database database, IdGenerator ids, int sightingsPerEnvironment,
                              ConnectorStore.Hooks hooks) {
        return new Stores(new RegistrationStore(database, ids), new ConnectorStore(database, hooks),
                new SightingStore(database, sightingsPerEnvironment), new WorkerPluginStore(database),
                new SharedKeys(database, ids), new ClusterReportStore(database));
    }
}
