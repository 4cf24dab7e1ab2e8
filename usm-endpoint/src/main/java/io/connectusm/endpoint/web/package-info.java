/**
 * The web console: its routes ({@link io.connectusm.endpoint.web.WebConsole}), one method per page that reads the
 * stores and builds the page's view model ({@code ConsolePages}; {@code EnvironmentsView}, {@code ClusterView},
 * ...), the jte templates that render them ({@code src/main/jte}, compiled into this package by the build and
 * rendered by {@code Templates}, escaping every value by default), the stylesheet allowed by its hash under a
 * strict Content-Security-Policy ({@code Stylesheet}), the state-changing forms with their CSRF check
 * ({@code WebActions}), the login page and logout ({@code LoginPages}) and the HTML error pages
 * ({@code ConsoleErrors}).
 *
 * <p>May call {@code api} (the route table, input rules, the store-failure mapping), {@code auth} (sessions, CSRF tokens, the login check),
 * {@code http} and {@code store}. Nothing calls it but the wiring.
 */
package io.connectusm.endpoint.web;
