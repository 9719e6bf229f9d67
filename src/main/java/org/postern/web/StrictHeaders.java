package org.postern.web;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/** The headers every Postern response carries, on both sides. */
public final class StrictHeaders {

    /** Pages need nothing but their own stylesheet and images; no script may run at all. */
    public static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /**
     * The console's pages may also run Postern's own scripts from its own origin, for security keys and opt-in
     * in-browser reading, and those may call back to the console. Still no inline script or style, no eval, no
     * WebAssembly, nothing from elsewhere; every script tag carries SRI. Trusted Types with no policy at all
     * means no string can ever reach an HTML or script sink (innerHTML, eval, script src) in browsers that
     * enforce it: the scripts write text only.
     */
    public static final String CONSOLE_CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; "
            + "style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
            + "require-trusted-types-for 'script'; trusted-types 'none'";

    /**
     * The source's upload page only: it may run Postern's own upload script, which sends files back to the
     * source side in resumable pieces. Every other source page keeps {@link #CSP}.
     */
    public static final String UPLOAD_PAGE_CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; "
            + "style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private StrictHeaders() {
    }

    public static Customizer<HeadersConfigurer<HttpSecurity>> apply(String csp) {
        return apply(request -> csp);
    }

    /** The same headers, with a Content-Security-Policy chosen per request. */
    public static Customizer<HeadersConfigurer<HttpSecurity>> apply(
            java.util.function.Function<jakarta.servlet.http.HttpServletRequest, String> csp) {
        return headers -> headers
                .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                .contentTypeOptions(Customizer.withDefaults())
                .cacheControl(Customizer.withDefaults())
                .addHeaderWriter((request, response) -> {
                    response.setHeader("Content-Security-Policy", csp.apply(request));
                    // Spring's default cache header is "no-cache, no-store, ..."; insist on no-store for every
                    // response, static files included.
                    response.setHeader("Cache-Control", "no-store, no-cache, max-age=0, must-revalidate");
                    response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
                    response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
                    response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
                });
    }
}
