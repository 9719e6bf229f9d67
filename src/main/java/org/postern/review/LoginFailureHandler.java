package org.postern.review;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.postern.review.webauthn.SecurityKeyLoginFilter;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Where the password form goes when it does not log in: back with one message for every failure, or on to the
 * key prompt when the code was left empty. Nothing about the failure is kept in the session.
 */
final class LoginFailureHandler implements AuthenticationFailureHandler {

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException {
        if (failure instanceof ConsoleAuthenticationProvider.SecurityKeyNext next) {
            // Stored even when empty, so a pending login from an earlier try cannot be reused.
            request.getSession().setAttribute(SecurityKeyLoginFilter.PENDING, next.pending());
            response.sendRedirect(request.getContextPath() + "/login/key");
            return;
        }
        response.sendRedirect(request.getContextPath() + "/login?error");
    }
}
