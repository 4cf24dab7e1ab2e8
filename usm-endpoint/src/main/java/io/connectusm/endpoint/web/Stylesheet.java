package io.connectusm.endpoint.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.stream.Collectors;

/**
 * The console's one stylesheet ({@code console.css} beside this class, one rule per line, served joined into one
 * line) and the Content-Security-Policy that admits it. Stateless.
 *
 * <p>The stylesheet is inlined as the page's only {@code <style>} element and allowed by its SHA-256 hash
 * rather than {@code 'unsafe-inline'}. The hash is computed here, at class load, from the very string the layout
 * template writes out unescaped, so the two cannot drift: should anything ever slip past escaping, an injected
 * {@code <style>} or {@code style=""} attribute still does not apply, and nothing else (scripts, images, fonts,
 * frames) is allowed at all; scripts and connections only from the endpoint itself, for the live refresh. The pages therefore use classes only, never {@code style} attributes.
 */
final class Stylesheet {

    /** The stylesheet as served, between {@code <style>} and {@code </style>}. */
    static final String CSS = load("console.css");

    /** {@code sha256-…} of {@link #CSS}, the only style the policy allows. */
    static final String STYLE_HASH = "sha256-" + Base64.getEncoder().encodeToString(sha256(CSS));

    /** Scripts only from this origin (the one is {@link LiveRefresh}'s, from the jar), never inline. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + STYLE_HASH + "'; "
            + "script-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private Stylesheet() {
    }

    private static String load(String name) {
        try (InputStream in = Stylesheet.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " beside " + Stylesheet.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .collect(Collectors.joining());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
