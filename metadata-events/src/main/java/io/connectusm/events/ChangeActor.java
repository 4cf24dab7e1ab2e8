package io.connectusm.events;

import java.util.Objects;

/**
 * Who made a change through the Connect REST API: the snapshot's optional {@code actor}, recorded by the worker
 * whose REST listener answered the call. Absent from a snapshot no REST call caused (a task failure or a rebalance
 * found by the reconcile pass, a periodic resync) and from emitters older than this field.
 *
 * <p>Every field is optional (the worker may run without a security extension, or with
 * {@code audit.client.address=false}). When Connect forwarded the call from the worker that received it to the
 * leader, {@link #forwarded()} is true: Connect forwards only the {@code Authorization} header, so the
 * {@link #principal() principal} is still the original requester's (the leader's security extension authenticates
 * it again), but the client address and User-Agent would be the forwarding worker's and are not recorded; the
 * receiving worker reports the same change with them. A value class (equal when all fields are equal). Immutable and
 * thread-safe.
 */
public final class ChangeActor {

    private final String principal;
    private final String clientAddress;
    private final String forwardedFor;
    private final String userAgent;
    private final String request;
    private final boolean forwarded;

    /**
     * @param principal     the authenticated principal's name (JAX-RS {@code SecurityContext}), or {@code null}
     * @param clientAddress the address the call came from, or {@code null} (not recorded, or forwarded)
     * @param forwardedFor  the {@code X-Forwarded-For} header as received, or {@code null}
     * @param userAgent     the {@code User-Agent} header, or {@code null}
     * @param request       the call, as {@code METHOD /path} relative to the REST root, or {@code null}
     * @param forwarded     whether another worker of the cluster forwarded the call
     */
    public ChangeActor(String principal, String clientAddress, String forwardedFor, String userAgent, String request,
                       boolean forwarded) {
        this.principal = principal;
        this.clientAddress = clientAddress;
        this.forwardedFor = forwardedFor;
        this.userAgent = userAgent;
        this.request = request;
        this.forwarded = forwarded;
    }

    /** The authenticated principal's name, or {@code null} when the worker authenticates nobody. */
    public String principal() {
        return principal;
    }

    /** The client's address as the worker saw it, or {@code null}. */
    public String clientAddress() {
        return clientAddress;
    }

    /** The {@code X-Forwarded-For} header (proxies in front of the worker), or {@code null}. */
    public String forwardedFor() {
        return forwardedFor;
    }

    /** The {@code User-Agent} header, or {@code null}. */
    public String userAgent() {
        return userAgent;
    }

    /** The call, e.g. {@code PUT /connectors/orders/pause}, or {@code null}. */
    public String request() {
        return request;
    }

    /** Whether the call reached this worker forwarded by another worker of the cluster. */
    public boolean forwarded() {
        return forwarded;
    }

    /**
     * This actor with {@code scrub} applied to each of its strings (null ones stay null), e.g. a second line of
     * masking; the same instance when {@code scrub} returned every string unchanged (the same reference).
     */
    public ChangeActor withStrings(java.util.function.UnaryOperator<String> scrub) {
        String p = principal == null ? null : scrub.apply(principal);
        String a = clientAddress == null ? null : scrub.apply(clientAddress);
        String f = forwardedFor == null ? null : scrub.apply(forwardedFor);
        String u = userAgent == null ? null : scrub.apply(userAgent);
        String r = request == null ? null : scrub.apply(request);
        if (p == principal && a == clientAddress && f == forwardedFor && u == userAgent && r == request) {
            return this;
        }
        return new ChangeActor(p, a, f, u, r, forwarded);
    }

    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        if (!(other instanceof ChangeActor)) {
            return false;
        }
        ChangeActor that = (ChangeActor) other;
        return forwarded == that.forwarded && Objects.equals(principal, that.principal)
                && Objects.equals(clientAddress, that.clientAddress) && Objects.equals(forwardedFor, that.forwardedFor)
                && Objects.equals(userAgent, that.userAgent) && Objects.equals(request, that.request);
    }

    @Override
    public int hashCode() {
        return Objects.hash(principal, clientAddress, forwardedFor, userAgent, request, forwarded);
    }

    @Override
    public String toString() {
        return "ChangeActor[principal=" + principal + ", clientAddress=" + clientAddress + ", forwardedFor="
                + forwardedFor + ", userAgent=" + userAgent + ", request=" + request + ", forwarded=" + forwarded
                + "]";
    }
}
