package org.postern.intake;

import org.postern.i18n.Language;
import org.postern.i18n.SessionLanguages;
import org.postern.i18n.Translations;
import org.postern.onion.OnionHostnames;
import org.postern.web.OnionHostGuard;
import org.postern.web.StrictHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.header.HeaderWriterFilter;

@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class IntakeSecurity {

    private static final String LANGUAGE_AT_LOGOUT = IntakeSecurity.class.getName() + ".language";

    @Bean
    HttpSessionSecurityContextRepository sourceContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    HttpSessionCsrfTokenRepository sourceCsrfTokens() {
        return new HttpSessionCsrfTokenRepository();
    }

    @Bean
    SecurityFilterChain intakeFilterChain(HttpSecurity http, HttpSessionSecurityContextRepository contexts,
            HttpSessionCsrfTokenRepository csrfTokens, OnionHostnames onions, Translations messageSource,
            SessionLanguages localeResolver) throws Exception {
        http.addFilterAfter(new OnionHostGuard(onions::source, messageSource, localeResolver), HeaderWriterFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/lookup", "/submit", "/uploads", "/uploads/**", "/replies/**").authenticated()
                        .anyRequest().permitAll())
                // The token is session-bound and checked when a request starts, so an hour-long upload keeps it.
                // Multipart bodies are not parsed by the container, so upload forms carry it in the query string.
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens))
                .securityContext(context -> context.securityContextRepository(contexts))
                // Only the upload page may run script: Postern's own, for resumable uploads.
                .headers(StrictHeaders.apply(request -> "/lookup".equals(request.getServletPath())
                        ? StrictHeaders.UPLOAD_PAGE_CSP : StrictHeaders.CSP))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                // A resumable upload without a session is refused outright: there is no page to send it to.
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                                PathPatternRequestMatcher.withDefaults().matcher("/uploads/**"))
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                AnyRequestMatcher.INSTANCE)
                        .accessDeniedHandler(sessionEnded()))
                // The session goes, and the language with it: the page after it is asked for in the same language.
                .logout(logout -> logout.logoutUrl("/logout")
                        .addLogoutHandler((request, response, auth) -> request.setAttribute(LANGUAGE_AT_LOGOUT,
                                localeResolver.current(request)))
                        .logoutSuccessHandler((request, response, auth) -> response.sendRedirect("/?logged-out&lang="
                                + ((Language) request.getAttribute(LANGUAGE_AT_LOGOUT)).code()))
                        .invalidateHttpSession(true).deleteCookies(IntakeWebApplication.SESSION_COOKIE));
        return http.build();
    }

    /**
     * A form sent after the session ended (idle limit, restart) fails its CSRF check. A bare "refused" reads like
     * being caught; this page says what happened, in calm words, with the status still 403.
     */
    private static AccessDeniedHandlerImpl sessionEnded() {
        AccessDeniedHandlerImpl handler = new AccessDeniedHandlerImpl();
        handler.setErrorPage(SessionEndedController.PATH);
        return handler;
    }
}
