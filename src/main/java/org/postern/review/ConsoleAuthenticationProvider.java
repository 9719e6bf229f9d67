package org.postern.review;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.postern.accounts.Account;
import org.postern.accounts.ConsoleAuthenticator;
import org.postern.accounts.PendingKeyLogin;
import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Password and TOTP code checked in one step, so that every failure looks the same. With the code left empty,
 * the password is the first half of a login with a security key: whatever the check says, the browser is sent
 * on to the key prompt, and only the key step tells success from failure.
 */
class ConsoleAuthenticationProvider implements AuthenticationProvider {

    /** Never shown as it is: the login page says this key's sentence in the reader's language. */
    static final String BAD_LOGIN = "login.error";

    private final ConsoleAuthenticator authenticator;

    ConsoleAuthenticationProvider(ConsoleAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Authentication authenticate(Authentication request) {
        String code = request.getDetails() instanceof LoginDetails details ? details.code() : null;
        String password = String.valueOf(request.getCredentials());
        if (code == null || code.isBlank()) {
            throw new SecurityKeyNext(authenticator.passwordBeforeSecurityKey(request.getName(), password)
                    .orElse(null));
        }
        Account account = authenticator.authenticate(request.getName(), password, code)
                .orElseThrow(() -> new BadCredentialsException(BAD_LOGIN));
        return loggedIn(account);
    }

    /** The session's authentication once both factors passed, whichever the second one was. */
    static Authentication loggedIn(Account account) {
        List<SimpleGrantedAuthority> authorities = account.role() == org.postern.accounts.Role.ADMIN
                ? List.of(new SimpleGrantedAuthority("ROLE_ADMIN"), new SimpleGrantedAuthority("ROLE_INVESTIGATOR"))
                : List.of(new SimpleGrantedAuthority("ROLE_INVESTIGATOR"));
        return UsernamePasswordAuthenticationToken.authenticated(ConsoleUser.of(account), null, authorities);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** Not a login yet: the key prompt comes next. Carries the checked password's outcome, never shown. */
    static final class SecurityKeyNext extends AuthenticationException {
        private static final long serialVersionUID = 1L;
        private final transient PendingKeyLogin pending;

        SecurityKeyNext(PendingKeyLogin pending) {
            super("security key next");
            this.pending = pending;
        }

        PendingKeyLogin pending() {
            return pending;
        }
    }

    /** The TOTP code travels beside the user name and password. */
    record LoginDetails(String code) {
        @Override
        public String toString() {
            return "LoginDetails[REDACTED]";
        }
    }

    static final class LoginDetailsSource implements AuthenticationDetailsSource<HttpServletRequest, LoginDetails> {
        @Override
        public LoginDetails buildDetails(HttpServletRequest request) {
            return new LoginDetails(request.getParameter("code"));
        }
    }
}
