package io.connectusm.endpoint.http;

/**
 * What the Netty side calls for every complete request: plain Java in, plain Java out, no channels. It runs on
 * the blocking executor, never on an event loop, so it may use the database and hash secrets. Implementations
 * must be thread-safe and must not throw: every failure becomes a response ({@link ErrorResponses}).
 */
@FunctionalInterface
public interface RequestHandler {

    ApiResponse handle(ApiRequest request);
}
