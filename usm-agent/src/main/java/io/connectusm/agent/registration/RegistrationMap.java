package io.connectusm.agent.registration;

import io.connectusm.events.ClusterRef;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which local Connect clusters are registered with USM: the union of a static file's registrations and the
 * latest list pulled from the endpoint. Nothing is forwarded for a cluster absent from here.
 *
 * <p>Thread-safe: readers see an immutable snapshot; updates swap it atomically. Lives as long as the agent.
 */
public final class RegistrationMap {

    private volatile Map<ClusterRef, Registration> staticRegistrations = Map.of();
    private volatile Map<ClusterRef, Registration> endpointRegistrations = Map.of();
    private volatile Map<ClusterRef, Registration> merged = Map.of();
    private volatile boolean loaded;

    /** The registration of {@code cluster}, if it is registered. */
    public Optional<Registration> lookup(ClusterRef cluster) {
        return Optional.ofNullable(merged.get(cluster));
    }

    public int size() {
        return merged.size();
    }

    /** Whether registrations were loaded at least once (from a file, the cache or the endpoint). */
    public boolean isLoaded() {
        return loaded;
    }

    /** Marks the map usable although nothing was loaded (no static file and no endpoint configured). */
    public void markLoaded() {
        loaded = true;
    }

    /** Sets the static file's registrations. */
    public synchronized Set<ClusterRef> replaceStatic(Collection<Registration> registrations) {
        staticRegistrations = index(registrations);
        return remerge();
    }

    /**
     * Sets the endpoint's registrations.
     *
     * @return the clusters registered before and not any more (deregistered)
     */
    public synchronized Set<ClusterRef> replaceFromEndpoint(Collection<Registration> registrations) {
        endpointRegistrations = index(registrations);
        return remerge();
    }

    /**
     * Forgets clusters that the endpoint says are not registered (it answered 403 for their events) until
     * the next pull says otherwise; static registrations are kept, the file is the operator's word.
     */
    public synchronized void forgetFromEndpoint(Collection<ClusterRef> clusters) {
        Map<ClusterRef, Registration> copy = new HashMap<>(endpointRegistrations);
        clusters.forEach(copy::remove);
        endpointRegistrations = Map.copyOf(copy);
        remerge();
    }

    private Set<ClusterRef> remerge() {
        Map<ClusterRef, Registration> next = new HashMap<>(endpointRegistrations);
        next.putAll(staticRegistrations);
        Set<ClusterRef> removed = new HashSet<>(merged.keySet());
        removed.removeAll(next.keySet());
        merged = Map.copyOf(next);
        loaded = true;
        return removed;
    }

    private static Map<ClusterRef, Registration> index(Collection<Registration> registrations) {
        Map<ClusterRef, Registration> byCluster = new HashMap<>();
        registrations.forEach(registration -> byCluster.put(registration.cluster(), registration));
        return Map.copyOf(byCluster);
    }
}
