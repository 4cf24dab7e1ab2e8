/**
 * Who may do what: API keys ({@link io.connectusm.endpoint.auth.ApiKeys}: secrets hashed with PBKDF2, a
 * verification cache), their roles ({@link io.connectusm.endpoint.auth.ApiRole}), the basic-auth
 * {@link io.connectusm.endpoint.auth.Authenticator} that turns an Authorization header into a
 * {@link io.connectusm.endpoint.auth.Principal} (or the one 401), and the console's anti-CSRF tokens
 * ({@link io.connectusm.endpoint.auth.CsrfTokens}). Which route needs which role is the route table's, in
 * {@code api}.
 *
 * <p>May call {@code store} (the {@code api_keys} rows, random IDs) and {@code http} (the 401); never {@code api}
 * or {@code web}.
 */
package io.connectusm.endpoint.auth;
