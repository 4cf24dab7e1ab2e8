/**
 * Who may do what: API keys ({@link io.connectusm.endpoint.auth.ApiKeys}: secrets hashed with PBKDF2, a
 * verification cache), their roles ({@link io.connectusm.endpoint.auth.ApiRole}) and scopes
 * ({@link io.connectusm.endpoint.auth.KeyScope}), the {@link io.connectusm.endpoint.auth.Authenticator} that turns
 * basic credentials (API) or a console session cookie (console) into a {@link io.connectusm.endpoint.auth.Principal}
 * (or the one 401), throttled per source ({@link io.connectusm.endpoint.auth.FailedLoginThrottle}), the console's
 * signed, revocable sessions ({@link io.connectusm.endpoint.auth.ConsoleSessions}) and anti-CSRF tokens
 * ({@link io.connectusm.endpoint.auth.CsrfTokens}), both keyed by {@link io.connectusm.endpoint.auth.SigningKeys}. Which route needs which role is the route table's, in
 * {@code api}.
 *
 * <p>May call {@code store} (the {@code api_keys} rows, random IDs) and {@code http} (the 401); never {@code api}
 * or {@code web}.
 */
package io.connectusm.endpoint.auth;
