package org.postern.review.webauthn;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spring's registration endpoint lets a refused credential (wrong origin, stale challenge, bad attestation)
 * escape as an exception, which would become a 500 and a stack trace in the log. Here it is a plain 400: the
 * page's script says the key was not added, and the log stays quiet.
 */
final class RegistrationRefusals extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod()) || !"/webauthn/register".equals(request.getServletPath())) {
            chain.doFilter(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (AccessDeniedException | AuthenticationException security) {
            throw security;
        } catch (RuntimeException refused) {
            if (!response.isCommitted()) {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            }
        }
    }
}
