/**
 * Reading JFR recordings of the harnesses ({@code benchmarks/profile-ingest.sh}): where the agent's threads spend CPU
 * and allocate, by what the agent does, inside the timed windows only.
 */
package io.connectusm.benchmarks.profile;
