package org.postern.review;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.postern.accounts.Account;
import org.postern.accounts.ConsoleAuthenticator;
import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/** Password and TOTP code checked in one step, so that every failure looks the same. */
@Component
class ConsoleAuthenticationProvider implements AuthenticationProvider {

    static final String BAD_LOGIN = "Those details were not accepted.";

    private final ConsoleAuthenticator authenticator;

    ConsoleAuthenticationProvider(ConsoleAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Authentication authenticate(Authentication request) {
        String code = request.getDetails() instanceof LoginDetails details ? details.code() : null;
        Account account = authenticator.authenticate(request.getName(), String.valueOf(request.getCredentials()), code)
                .orElseThrow(() -> new BadCredentialsException(BAD_LOGIN));
        List<SimpleGrantedAuthority> authorities = account.role() == org.postern.accounts.Role.ADMIN
                ? List.of(new SimpleGrantedAuthority("ROLE_ADMIN"), new SimpleGrantedAuthority("ROLE_INVESTIGATOR"))
                : List.of(new SimpleGrantedAuthority("ROLE_INVESTIGATOR"));
        return UsernamePasswordAuthenticationToken.authenticated(ConsoleUser.of(account), null, authorities);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
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
