/**
 * What the benchmark harnesses share for their result blocks: medians and spreads over alternations,
 * percentiles, and the machine line (cores, memory, JDK, date, load average). See {@code benchmarks/run.sh} for
 * the contract a result block follows.
 */
package io.connectusm.benchmarks.report;
