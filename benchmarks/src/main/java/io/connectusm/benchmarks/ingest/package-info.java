/**
 * The agent's ingest against a minimal Netty HTTPS server with the same TLS ({@code benchmarks/agent-ingest.sh}):
 * the targets, the worker-like clients (closed loop and fixed rate), the CPU book by thread group, the audit of every
 * run, and the report.
 */
package io.connectusm.benchmarks.ingest;
