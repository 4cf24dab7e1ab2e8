package io.connectusm.endpoint.web;

/**
 * The login page. Immutable.
 *
 * @param frame   title (no breadcrumbs)
 * @param message why the last attempt failed, or {@code null}
 * @param next    the console page to go to after signing in
 */
record LoginView(Frame frame, String message, String next) {
}
