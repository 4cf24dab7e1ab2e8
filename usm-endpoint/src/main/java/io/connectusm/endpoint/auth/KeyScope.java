package io.connectusm.endpoint.auth;

import java.util.List;
import java.util.Objects;

/**
 * What a scoped agent key may write for: one environment and, optionally, only the listed local (Confluent
 * Platform) Connect cluster IDs of it. Events and sightings outside it are refused with 403. {@link #UNSCOPED}
 * allows everything the key's role allows. Immutable.
 *
 * @param environment     the environment, or {@code null} for an unscoped key
 * @param connectClusters the local Connect cluster IDs; empty: every cluster of the environment
 */
public record KeyScope(String environment, List<String> connectClusters) {

    /** No limit beyond the key's role. */
    public static final KeyScope UNSCOPED = new KeyScope(null, List.of());

    public KeyScope {
        connectClusters = List.copyOf(connectClusters);
        if (environment == null && !connectClusters.isEmpty()) {
            throw new IllegalArgumentException("a scope that lists Connect clusters names their environment");
        }
    }

    /** A scope of one environment, optionally narrowed to {@code connectClusters}. */
    public static KeyScope of(String environment, List<String> connectClusters) {
        return new KeyScope(Objects.requireNonNull(environment, "environment"), connectClusters);
    }

    public boolean isScoped() {
        return environment != null;
    }

    /** Whether the key may write for local Connect cluster {@code connectClusterId} in {@code env}. */
    public boolean allows(String env, String connectClusterId) {
        return !isScoped() || environment.equals(env)
                && (connectClusters.isEmpty() || connectClusters.contains(connectClusterId));
    }

    /** Whether the key may write for local Connect cluster {@code connectClusterId} at all (in its environment). */
    public boolean allowsCluster(String connectClusterId) {
        return connectClusters.isEmpty() || connectClusters.contains(connectClusterId);
    }

    /** For messages: {@code environment env-x, Connect clusters [a, b]}. */
    public String describe() {
        if (!isScoped()) {
            return "unscoped";
        }
        return "environment " + environment + (connectClusters.isEmpty() ? "" : ", Connect clusters "
                + connectClusters);
    }
}
