/**
 * Helpers for the tests of every module, used with scope {@code test} only: {@link io.connectusm.testkit.LogCapture}
 * (every log line of the JVM, every logger, every level, for "no secret in any log line" assertions) and
 * {@link io.connectusm.testkit.TestPki} (real certificates made by certs-tooling) and
 * {@link io.connectusm.testkit.ChildJvm} (a main class in a JVM of its own, stopped with SIGTERM or killed with
 * SIGKILL, its output in a file and its last lines in failure messages). Waiting on a condition is
 * Awaitility's job ({@code org.awaitility.Awaitility.await()}), not this package's.
 *
 * <p>May call log4j 2 (core), certs-tooling and the JDK; nothing of the components under test.
 */
package io.connectusm.testkit;
