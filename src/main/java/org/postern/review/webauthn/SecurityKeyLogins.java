package org.postern.review.webauthn;

import java.util.function.Function;

import org.postern.accounts.Account;
import org.postern.accounts.ConsoleAuthenticator;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;

/**
 * Turns on Spring Security's WebAuthn support for the console: enrolment at {@code /webauthn/register/options}
 * and {@code /webauthn/register}, the key prompt's options at {@code /webauthn/authenticate/options}, and the
 * key half of a login at {@code /login/webauthn}, which {@link SecurityKeyLoginFilter} takes over. Spring's own
 * pages and scripts stay off (they need inline script); its JSON delete is refused in favour of a form post.
 */
public final class SecurityKeyLogins {

    private SecurityKeyLogins() {
    }

    public static void apply(HttpSecurity http, ConsoleAuthenticator authenticator,
            Function<Account, Authentication> loggedIn) throws Exception {
        ConsoleRelyingParty party = http.getSharedObject(org.springframework.context.ApplicationContext.class)
                .getBean(ConsoleRelyingParty.class);
        // Spring's WebAuthn support insists on a UserDetailsService for the passwordless login it would offer.
        // This one finds nobody; the console's own SecurityKeyLoginFilter takes that login's place anyway.
        http.setSharedObject(UserDetailsService.class, username -> {
            throw new UsernameNotFoundException("no passwordless login");
        });
        http.addFilterBefore(new RegistrationRefusals(), AuthorizationFilter.class);
        http.webAuthn(webAuthn -> webAuthn
                        .rpName("Postern console")
                        .rpId(party.rpId())
                        .disableDefaultRegistrationPage(true)
                        .withObjectPostProcessor(new ObjectPostProcessor<WebAuthnAuthenticationFilter>() {
                            @Override
                            public <O extends WebAuthnAuthenticationFilter> O postProcess(O spring) {
                                @SuppressWarnings("unchecked")
                                O ours = (O) new SecurityKeyLoginFilter(authenticator, loggedIn, party,
                                        http.getSharedObject(SessionAuthenticationStrategy.class));
                                return ours;
                            }
                        }));
    }
}
