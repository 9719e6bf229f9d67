package org.postern.review;

import org.postern.accounts.AccountRepository;
import org.postern.accounts.ConsoleAuthenticator;
import org.postern.accounts.SecurityKeyRequirement;
import org.postern.accounts.SecurityKeys;
import org.postern.onion.OnionHostnames;
import org.postern.review.webauthn.SecurityKeyLogins;
import org.postern.i18n.Translations;
import org.postern.web.OnionHostGuard;
import org.postern.web.StrictHeaders;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;

@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class ReviewSecurity {

    @Bean
    SecurityFilterChain reviewFilterChain(HttpSecurity http, AccountRepository accounts, OnionHostnames onions,
            ApplicationEventPublisher events, ConsoleAuthenticator authenticator, SecurityKeys keys,
            SecurityKeyRequirement keysRequired, Translations messageSource, AccountLanguages localeResolver)
            throws Exception {
        SecurityKeyLogins.apply(http, authenticator, ConsoleAuthenticationProvider::loggedIn);
        http.addFilterAfter(new OnionHostGuard(onions::console, messageSource, localeResolver), HeaderWriterFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/login/key", "/setup", "/invite/**", "/reenrol/**",
                                "/console-css/**", "/console-js/**", "/error")
                        .permitAll()
                        // Keys are removed by a form post that is audited, never by Spring's JSON delete.
                        .requestMatchers(HttpMethod.DELETE, "/webauthn/**").denyAll()
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        .anyRequest().hasRole("INVESTIGATOR"))
                // Made here, not a bean: a bean would also join Boot's global authentication manager, the
                // chain's parent, so every refused login would be checked a second time there.
                .authenticationProvider(new ConsoleAuthenticationProvider(authenticator))
                .formLogin(form -> form.loginPage("/login").loginProcessingUrl("/login")
                        .authenticationDetailsSource(new ConsoleAuthenticationProvider.LoginDetailsSource())
                        .defaultSuccessUrl("/", true).failureHandler(new LoginFailureHandler()).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logged-out")
                        .addLogoutHandler((request, response, auth) -> {
                            if (auth != null && auth.getPrincipal() instanceof ConsoleUser user) {
                                events.publishEvent(new LoggedOut(user.username()));
                            }
                        })
                        .invalidateHttpSession(true).deleteCookies(ReviewWebApplication.SESSION_COOKIE))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .addFilterBefore(new SessionEpochFilter(accounts), AnonymousAuthenticationFilter.class)
                .addFilterAfter(new SecurityKeyRequiredFilter(keys, keysRequired), SessionEpochFilter.class)
                .headers(StrictHeaders.apply(StrictHeaders.CONSOLE_CSP))
                .requestCache(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable);
        return http.build();
    }
}
