package io.connectusm.endpoint.api;

/**
 * One row of the route table: method and path pattern, who may call it, and the handler. Immutable.
 *
 * @param method  the HTTP method, upper case
 * @param path    the path pattern
 * @param access  the keys it admits
 * @param action  what the route does, for the 403 ("registering a Kafka cluster needs …"); {@code null} when
 *                every key is admitted
 * @param handler what serves it
 */
record Route(String method, PathPattern path, Access access, String action, RouteHandler handler) {
}
