package org.postern.review.webauthn;

import java.io.IOException;
import java.util.function.Function;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.postern.accounts.Account;
import org.postern.accounts.ConsoleAuthenticator;
import org.postern.accounts.PendingKeyLogin;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;

/**
 * The second half of a login with a security key, at {@code POST /login/webauthn}. Spring Security reads the
 * browser's assertion and checks its signature; this filter then requires that the key belongs to the account
 * whose password was checked just before in this session. A key alone never logs anyone in.
 */
public final class SecurityKeyLoginFilter extends WebAuthnAuthenticationFilter {

    /** The session attribute that holds the {@link PendingKeyLogin}, or nothing when the password was wrong. */
    public static final String PENDING = SecurityKeyLoginFilter.class.getName() + ".PENDING";

    private final ConsoleAuthenticator authenticator;
    private final Function<Account, Authentication> loggedIn;

    SecurityKeyLoginFilter(ConsoleAuthenticator authenticator, Function<Account, Authentication> loggedIn,
            ConsoleRelyingParty party, SessionAuthenticationStrategy sessions) {
        this.authenticator = authenticator;
        this.loggedIn = loggedIn;
        // Spring checks the assertion against the stored public key and sign count; the name it yields is the
        // key's account.
        setAuthenticationManager(new SignedBy(party));
        // Same as the password form: a new session id, a new CSRF token.
        setSessionAuthenticationStrategy(sessions != null ? sessions : new ChangeSessionIdAuthenticationStrategy());
    }

    @Override
    public Authentication attemptAuthentication(HttpServletRequest request, HttpServletResponse response)
            throws AuthenticationException, IOException, ServletException {
        PendingKeyLogin pending = take(request);
        String signer;
        try {
            signer = super.attemptAuthentication(request, response).getName();
        } catch (AuthenticationException refused) {
            signer = null;
        }
        boolean verified = pending != null && signer != null && authenticator.keyBelongsTo(pending, signer);
        Account account = authenticator.finishWithSecurityKey(pending, verified)
                .orElseThrow(() -> new BadCredentialsException("not accepted"));
        return loggedIn.apply(account);
    }

    /** Each password step allows one try with a key. */
    private static PendingKeyLogin take(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        Object pending = session.getAttribute(PENDING);
        session.removeAttribute(PENDING);
        return pending instanceof PendingKeyLogin p ? p : null;
    }
}
