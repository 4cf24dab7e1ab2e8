package io.connectusm.endpoint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * The frame of every web page: the header with the product name, breadcrumbs (environments → Connect cluster →
 * connector), the one stylesheet, and the security headers. Stateless and thread-safe.
 *
 * <p>The stylesheet is a constant {@code <style>} element, allowed by the Content-Security-Policy through its
 * SHA-256 hash rather than {@code 'unsafe-inline'}: should anything ever slip past escaping, an injected
 * {@code <style>} or {@code style=""} attribute still does not apply, and nothing else (scripts, images, fonts,
 * frames, connections) is allowed at all. The pages therefore use classes only, never {@code style} attributes.
 */
final class WebLayout {

    static final String PRODUCT = "connect-usm";

    /** One breadcrumb: a label and the page it links to, or {@code null} for the current page. */
    record Crumb(String label, String path) {
        static Crumb here(String label) {
            return new Crumb(label, null);
        }
    }

    static final String CSS = String.join("",
            ":root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--zebra:#f6f8fa;--accent:#0969da;--head:#24292f}",
            "*{box-sizing:border-box}",
            "body{margin:0;color:var(--fg);background:#fff;font:15px/1.5 system-ui,-apple-system,'Segoe UI',",
            "Roboto,'Helvetica Neue',Arial,sans-serif}",
            "header{background:var(--head);color:#fff}",
            "header div{max-width:1200px;margin:0 auto;padding:.6rem 1rem;display:flex;gap:.75rem;",
            "align-items:baseline}",
            "header a{color:#fff;font-weight:600;text-decoration:none;font-size:1.1rem}",
            "header span{color:#c9d1d9;font-size:.9rem}",
            "main{max-width:1200px;margin:0 auto;padding:1rem}",
            "nav.crumbs ol{list-style:none;margin:0 0 .5rem;padding:0;display:flex;flex-wrap:wrap;gap:.25rem;",
            "color:var(--muted);font-size:.9rem}",
            "nav.crumbs li+li::before{content:'/';margin-right:.25rem;color:var(--line)}",
            "a{color:var(--accent)}",
            "h1{font-size:1.6rem;margin:.2rem 0 1rem;overflow-wrap:anywhere}",
            "h1 small{font-size:.9rem;color:var(--muted);font-weight:400;margin-left:.5rem}",
            "h2{font-size:1.2rem;margin:1.8rem 0 .6rem;padding-bottom:.2rem;border-bottom:1px solid var(--line)}",
            "h3{font-size:1rem;margin:1.2rem 0 .4rem}",
            ".table-wrap{overflow-x:auto;margin-bottom:.5rem}",
            "table{border-collapse:collapse;width:100%;font-size:.92rem}",
            "th,td{padding:.35rem .6rem;text-align:left;vertical-align:top;border-bottom:1px solid var(--line)}",
            "thead th{background:#eaeef2;border-bottom:2px solid var(--line)}",
            "tbody tr:nth-child(even){background:var(--zebra)}",
            "table.facts{width:auto}table.facts th{background:none;color:var(--muted);font-weight:500}",
            "td{overflow-wrap:break-word}",
            "time,.nowrap{white-space:nowrap}",
            "p.command{margin:.4rem 0 0;color:var(--muted);font-size:.88rem;overflow-wrap:anywhere}",
            "select,input{max-width:22rem}",
            "code{font:.88em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}",
            "pre{margin:.3rem 0 0;padding:.5rem;background:#f6f8fa;border:1px solid var(--line);",
            "white-space:pre-wrap;overflow-wrap:anywhere;font:.85em/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,",
            "monospace}",
            ".state,.badge{display:inline-block;padding:0 .45rem;border-radius:1rem;font-size:.78rem;",
            "font-weight:600;line-height:1.5rem;white-space:nowrap;border:1px solid transparent}",
            ".state-running{background:#dafbe1;color:#116329;border-color:#4ac26b}",
            ".state-paused{background:#fff8c5;color:#7d4e00;border-color:#d4a72c}",
            ".state-stopped{background:#eaeef2;color:#424a53;border-color:#afb8c1}",
            ".state-failed{background:#ffebe9;color:#a40e26;border-color:#ff8182}",
            ".state-unassigned{background:#f6f8fa;color:#59636e;border-color:#d1d9e0;border-style:dashed}",
            ".state-restarting{background:#ddf4ff;color:#0550ae;border-color:#54aeff}",
            ".state-other{background:#fff;color:var(--fg);border-color:var(--line)}",
            ".badge-muted{background:#eaeef2;color:#59636e;font-weight:500}",
            ".badge-warn{background:#fff8c5;color:#7d4e00;border-color:#d4a72c}",
            ".badge-bad{background:#ffebe9;color:#a40e26;border-color:#ff8182}",
            "code.masked{color:#59636e;letter-spacing:.1em}",
            ".muted{color:var(--muted)}",
            ".summary-line{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;margin:.4rem 0 .8rem}",
            "details{margin:.2rem 0}",
            "details>summary{cursor:pointer}",
            "details.section{margin-top:1.8rem;border:1px solid var(--line);border-radius:6px;padding:.4rem .8rem}",
            "details.section>summary{font-size:1.2rem;font-weight:600}",
            "details.section[open]>summary{margin-bottom:.6rem}",
            "details.section>summary .muted{font-size:.95rem;font-weight:400;margin:0 .3rem}",
            "details.trace{min-width:16rem}details.trace>summary{color:#a40e26;overflow-wrap:break-word}",
            "ul.diff{list-style:none;margin:0;padding:0;font-size:.88rem}",
            ".diff-add{color:#116329}.diff-remove{color:#a40e26}.diff-change{color:#7d4e00}",
            "form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}",
            "input,select,button{font:inherit;padding:.25rem .5rem;border:1px solid var(--line);border-radius:4px}",
            "button{background:#f6f8fa;cursor:pointer}",
            "section.danger{margin-top:2rem;border:1px solid #ff8182;border-radius:6px;padding:0 1rem 1rem}",
            "section.danger h2{border-bottom-color:#ffcecb;color:#a40e26}",
            "section.danger button{border-color:#ff8182;color:#a40e26}",
            "@media (max-width:640px){main{padding:.5rem}th,td{padding:.3rem .4rem}h1{font-size:1.3rem}}");

    /** {@code sha256-…} of {@link #CSS}, the only style the policy allows. */
    static final String STYLE_HASH = "sha256-" + Base64.getEncoder().encodeToString(sha256(CSS));

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + STYLE_HASH + "'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private WebLayout() {
    }

    /** A whole page: header, breadcrumbs (the last one is the current page), then {@code body}. */
    static ApiResponse page(int status, String title, List<Crumb> crumbs, CharSequence body) {
        StringBuilder b = new StringBuilder(body.length() + CSS.length() + 1024)
                .append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .append(Html.esc(title)).append(" · ").append(PRODUCT).append("</title><style>").append(CSS)
                .append("</style></head><body><header><div><a href=\"/ui\">").append(PRODUCT)
                .append("</a> <span>USM endpoint</span></div></header><main>");
        if (!crumbs.isEmpty()) {
            b.append("<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><ol>");
            for (Crumb c : crumbs) {
                b.append("<li>").append(c.path() == null ? "<span aria-current=\"page\">" + Html.esc(c.label())
                        + "</span>" : Html.link(c.path(), c.label())).append("</li>");
            }
            b.append("</ol></nav>");
        }
        b.append(body).append("</main></body></html>");
        return ApiResponse.html(status, b.toString())
                .withHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("Referrer-Policy", "no-referrer");
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
