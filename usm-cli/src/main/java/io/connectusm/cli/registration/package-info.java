/**
 * The flows every USM registration kind shares, Confluent's way: register (alias create), list, describe,
 * deregister (alias delete) of Kafka and Connect clusters, over the {@code usm/v1} client. A kind
 * ({@link io.connectusm.cli.registration.UsmResource}) is data: its name in messages, ID prefix, client calls and
 * printed fields; the {@code kafka} and {@code connect} packages hold the picocli commands of each kind.
 */
package io.connectusm.cli.registration;
