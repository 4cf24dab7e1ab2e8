/**
 * Key classification internals: how a config key name is split into tokens ({@link
 * io.connectusm.secrets.keys.KeyTokens}), the word, pair and qualifier rule that says whether those tokens name a
 * secret ({@link io.connectusm.secrets.keys.SecretNameRule}), operator globs ({@link
 * io.connectusm.secrets.keys.KeyGlob}) and the keys Kafka, Connect and Schema Registry are known to declare ({@link
 * io.connectusm.secrets.keys.KnownKeys}).
 *
 * <p>Public only so that the API package {@code io.connectusm.secrets} can use it: callers use {@code KeyClassifier}
 * and {@code ConfigMasker}, not these classes. Everything here is immutable and thread-safe.
 */
package io.connectusm.secrets.keys;
