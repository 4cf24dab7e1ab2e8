/**
 * The endpoint's second line of defence on ingest: before an accepted event batch is stored,
 * {@link io.connectusm.endpoint.ingest.IngestScrubber} runs {@code secret-detection}'s value detectors over every
 * string of every event (config keys and values, traces, names, worker IDs, plugin descriptors), so that a worker
 * with an older plugin — which masks less, gives no reasons and sends traces verbatim — still does not leave common
 * credential shapes in the endpoint's database, API or pages. What it removes is counted by kind in
 * {@link io.connectusm.endpoint.ingest.IngestScrubCounts} (for the metrics), never logged.
 *
 * <p>Pure functions over the wire contract's types: may call the wire contract and {@code secret-detection}
 * only; no other package of the endpoint.
 */
package io.connectusm.endpoint.ingest;
