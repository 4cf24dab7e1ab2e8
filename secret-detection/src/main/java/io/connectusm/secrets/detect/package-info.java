/**
 * Value detectors: one linear pass over a text ({@link io.connectusm.secrets.detect.CredentialScanner}) finds the
 * spans that hold credentials — URL user-info, inline assignments ({@code password=…}, JSON, JAAS, headers), and
 * known credential shapes (PEM and DER private keys, JWTs, cloud and SaaS tokens) — each tagged with its
 * {@link io.connectusm.secrets.detect.CredentialKind}. No regular expressions: every detector looks at a bounded
 * window or consumes what it scans, so the cost stays linear in the text's length whatever the input.
 *
 * <p>{@link io.connectusm.secrets.detect.CredentialKind} is part of the API (scrubbers report it); the other
 * classes are public only for the API package {@code io.connectusm.secrets}: callers use {@code ValueRedactor},
 * {@code TextScrubber} and {@code TraceScrubber}. Everything here is stateless or confined to one scan;
 * thread-safe.
 */
package io.connectusm.secrets.detect;
