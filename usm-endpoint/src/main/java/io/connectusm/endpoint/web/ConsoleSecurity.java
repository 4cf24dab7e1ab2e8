package io.connectusm.endpoint.web;

import io.connectusm.endpoint.auth.Authenticator;
import io.connectusm.endpoint.auth.ConsoleSessions;
import io.connectusm.endpoint.auth.CsrfTokens;

/**
 * What the console needs to sign callers in and out and to protect its forms, as one immutable value.
 *
 * @param authenticator checks the login form's key and secret (throttled per source)
 * @param sessions      opens, verifies and revokes session cookies
 * @param csrf          the forms' anti-CSRF tokens
 * @param tls           whether the endpoint serves HTTPS (then cookies are {@code Secure})
 */
public record ConsoleSecurity(Authenticator authenticator, ConsoleSessions sessions, CsrfTokens csrf, boolean tls) {
}
