/**
 * What the agent's two HTTP listeners share: the JSON error body and response writing ({@link
 * io.connectusm.agent.http.HttpResponses}) and HTTP basic credentials, checked on the data plane
 * ({@link io.connectusm.agent.http.BasicCredentials}).
 *
 * <p>May call Netty, Jackson and usm-support; nothing else of the agent.
 */
package io.connectusm.agent.http;
