/**
 * Masking in the worker: what leaves this worker about a connector, with every secret removed, using the
 * {@code secret-detection} module ({@code io.connectusm.secrets}, shaded into the plugin).
 *
 * <ul>
 *   <li>{@link io.connectusm.extension.masking.ConnectorMasking}: the entry point, built once per extension from the
 *       operator's settings; masks one raw connector config into a
 *       {@link io.connectusm.extension.masking.MaskedConnectorConfig} (config, masked keys, reasons, and the trace
 *       handling for that connector).</li>
 *   <li>{@code DeclaredKeysResolver} and {@code PluginConfigDefs}: the keys that the {@code ConfigDef}s of the
 *       connector class, its transforms, predicates and converters declare, loaded through the worker's plugin class
 *       loader, without {@code ConnectPlugin} (absent before Kafka 4.3).</li>
 *   <li>{@code TraceRedaction}: a trace as {@code trace.mode} says (scrubbed, summary or none).</li>
 * </ul>
 *
 * Nothing here logs a value or puts one into an exception message.
 */
package io.connectusm.extension.masking;
