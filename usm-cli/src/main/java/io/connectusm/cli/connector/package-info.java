/**
 * {@code usm connect-cluster connector list|describe|history}: the connectors the endpoint stores for a registered
 * Connect cluster, read through its {@code usm/v1} read API and printed in Confluent's table style
 * ({@code confluent connect cluster list|describe}). Read-only; only masked values ever reach it.
 */
package io.connectusm.cli.connector;
