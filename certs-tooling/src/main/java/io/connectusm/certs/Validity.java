package io.connectusm.certs;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a certificate is valid: a lifetime counted from the moment it is issued, or a fixed window (which may lie
 * in the past or the future, for testing how peers treat expired and not-yet-valid certificates).
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface Validity permits Validity.FromIssue, Validity.Fixed {

    /**
     * How far before the moment of issue a {@link FromIssue} certificate starts to be valid, so that a peer whose
     * clock is a little behind does not reject a certificate that was issued a second ago.
     */
    Duration CLOCK_SKEW_ALLOWANCE = Duration.ofMinutes(5);

    /** The first instant the certificate is valid, for a certificate issued at {@code issuedAt}. */
    Instant notBefore(Instant issuedAt);

    /** The last instant the certificate is valid, for a certificate issued at {@code issuedAt}. */
    Instant notAfter(Instant issuedAt);

    /**
     * The instant at which the issued certificate is verified: the moment of issue for a lifetime (it must be usable
     * now), the middle of a fixed window (which was asked for on purpose and need not contain now).
     */
    Instant verifiedAt(Instant issuedAt);

    /** Valid from (just before) the moment of issue for {@code lifetime}. */
    static Validity days(long days) {
        if (days < 1) {
            throw new IllegalArgumentException("a certificate must be valid for at least 1 day, not " + days);
        }
        return new FromIssue(Duration.ofDays(days));
    }

    /** Valid from {@code notBefore} to {@code notAfter}, whatever the moment of issue. */
    static Validity between(Instant notBefore, Instant notAfter) {
        return new Fixed(notBefore, notAfter);
    }

    /**
     * A lifetime counted from the moment of issue.
     *
     * @param lifetime how long the certificate is valid after it is issued; positive
     */
    record FromIssue(Duration lifetime) implements Validity {
        /** Validates the lifetime. */
        public FromIssue {
            Objects.requireNonNull(lifetime, "lifetime");
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("a certificate lifetime must be positive, not " + lifetime);
            }
        }

        @Override
        public Instant notBefore(Instant issuedAt) {
            return issuedAt.minus(CLOCK_SKEW_ALLOWANCE);
        }

        @Override
        public Instant notAfter(Instant issuedAt) {
            return issuedAt.plus(lifetime);
        }

        @Override
        public Instant verifiedAt(Instant issuedAt) {
            return issuedAt;
        }
    }

    /**
     * A fixed window.
     *
     * @param notBefore the first instant the certificate is valid
     * @param notAfter  the last instant the certificate is valid; after {@code notBefore}
     */
    record Fixed(Instant notBefore, Instant notAfter) implements Validity {
        /** Validates the window. */
        public Fixed {
            Objects.requireNonNull(notBefore, "notBefore");
            Objects.requireNonNull(notAfter, "notAfter");
            if (!notAfter.isAfter(notBefore)) {
                throw new IllegalArgumentException("a validity window must end after it starts: " + notBefore
                        + " is not before " + notAfter);
            }
        }

        @Override
        public Instant notBefore(Instant issuedAt) {
            return notBefore;
        }

        @Override
        public Instant notAfter(Instant issuedAt) {
            return notAfter;
        }

        @Override
        public Instant verifiedAt(Instant issuedAt) {
            return notBefore.plus(Duration.between(notBefore, notAfter).dividedBy(2));
        }
    }
}
