package org.postern.review;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.postern.accounts.SecurityKeyRequirement;
import org.postern.accounts.SecurityKeys;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While an admin requires security keys, a signed-in account without one can only enrol one (or log out):
 * every other page sends it to the enrolment page. Enrolling ends the session, so the next login uses the key.
 */
final class SecurityKeyRequiredFilter extends OncePerRequestFilter {

    static final String ENROL_PAGE = "/account/security-keys";
    private static final Set<String> OPEN = Set.of(ENROL_PAGE, "/webauthn/register/options", "/webauthn/register",
            "/logout", "/error");

    private final SecurityKeys keys;
    private final SecurityKeyRequirement required;

    SecurityKeyRequiredFilter(SecurityKeys keys, SecurityKeyRequirement required) {
        this.keys = keys;
        this.required = required;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (auth != null && auth.getPrincipal() instanceof ConsoleUser user && !open(path) && required.isOn()
                && !keys.anyFor(user.accountId())) {
            response.sendRedirect(request.getContextPath() + ENROL_PAGE + "?required");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean open(String path) {
        return OPEN.contains(path) || path.startsWith("/console-css/") || path.startsWith("/console-js/");
    }
}
