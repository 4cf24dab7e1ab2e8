package io.connectusm.endpoint.web;

/**
 * A short page with a message, e.g. why a form was refused, and a link back. Immutable.
 *
 * @param frame    title and breadcrumbs
 * @param text     the message
 * @param backPath the page to go back to
 */
record MessageView(Frame frame, String text, String backPath) {
}
