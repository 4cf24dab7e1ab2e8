/**
 * What is a secret, and how it is kept from leaving: the API that the worker extension, the agent and the endpoint
 * call.
 *
 * <ul>
 *   <li>{@link io.connectusm.secrets.ConfigMasker}: a connector config → {@link io.connectusm.secrets.MaskedConfig}
 *       (masked values, each changed key's {@link io.connectusm.secrets.MaskReason}, and the
 *       {@link io.connectusm.secrets.SecretValues} for scrubbing traces). Layers: PASSWORD type under any prefix
 *       ({@link io.connectusm.secrets.DeclaredKeys}), operator patterns, key-name tokens, strict policy
 *       ({@link io.connectusm.secrets.MaskingOptions}) — see {@link io.connectusm.secrets.KeyClassifier} — then
 *       credentials inside values ({@link io.connectusm.secrets.ValueRedactor}).</li>
 *   <li>{@link io.connectusm.secrets.TraceScrubber}: a trace scrubbed of a connector's masked values and of every
 *       detected credential.</li>
 *   <li>{@link io.connectusm.secrets.TextScrubber}: any text scrubbed of detected credentials, without context —
 *       the second line of defence run by the agent and the endpoint on every string of every event.</li>
 * </ul>
 * Everything here is immutable and thread-safe, needs only the JDK (kafka-clients is used when present), compiles
 * to Java 11 bytecode, never logs and never puts a value into an exception message or a {@code toString()}.
 */
package io.connectusm.secrets;
