package io.connectusm.endpoint.web;

import java.util.List;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

import io.connectusm.endpoint.http.ApiResponse;

/**
 * Renders the console's pages from their jte templates ({@code src/main/jte}, compiled to classes of this package
 * by the build, so a page never parses a template at run time and a template that does not compile fails the
 * build). Templates are HTML templates: every {@code ${…}} is escaped for where it stands (text, attribute, URL),
 * so views hand them raw values. Every page gets the console's security headers. Thread-safe.
 */
final class Templates {

    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(null, ContentType.Html,
            Templates.class.getClassLoader(), Templates.class.getPackageName());

    private Templates() {
    }

    /** The page of template {@code name} (e.g. {@code "cluster.jte"}) over its one parameter {@code view}. */
    static ApiResponse page(int status, String name, Object view) {
        StringOutput out = new StringOutput();
        ENGINE.render(name, view, out);
        return ApiResponse.html(status, out.toString())
                .withHeader("Content-Security-Policy", Stylesheet.CONTENT_SECURITY_POLICY)
                .withHeader("X-Content-Type-Options", "nosniff")
                // same-origin, not no-referrer: under no-referrer browsers send "Origin: null" with the page's own
                // form posts, which the cross-origin check must refuse. Nothing leaks to other origins either way.
                .withHeader("Referrer-Policy", "same-origin");
    }

    /** A message page, e.g. why a form was refused, with a link back to {@code backPath}. */
    static ApiResponse message(int status, String title, String text, String backPath) {
        return page(status, "message.jte", new MessageView(Frame.of(title, List.of(), title), text,
                backPath));
    }
}
