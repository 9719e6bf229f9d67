package org.postern.review;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.postern.accounts.Account;
import org.postern.accounts.AccountRepository;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session as soon as its account is disabled or its password or second factor changes: each such change
 * bumps the account's session epoch, and a session from an older epoch is thrown away.
 */
class SessionEpochFilter extends OncePerRequestFilter {

    private final AccountRepository accounts;

    SessionEpochFilter(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof ConsoleUser user) {
            Optional<Account> account = accounts.findById(user.accountId());
            if (account.isEmpty() || !account.get().enabled() || account.get().sessionEpoch() != user.sessionEpoch()) {
                SecurityContextHolder.clearContext();
                HttpSession session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
                // The login page itself still shows, with whatever notice it was asked for (a key added, say).
                if (!"/login".equals(request.getRequestURI().substring(request.getContextPath().length()))) {
                    response.sendRedirect(request.getContextPath() + "/login?ended");
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }
}
