package org.postern.intake;

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
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.header.HeaderWriterFilter;

@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class IntakeSecurity {

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
            HttpSessionCsrfTokenRepository csrfTokens, OnionHostnames onions) throws Exception {
        http.addFilterAfter(new OnionHostGuard(onions::source), HeaderWriterFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/lookup", "/submit", "/uploads", "/uploads/**").authenticated()
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
                                AnyRequestMatcher.INSTANCE))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/?logged-out")
                        .invalidateHttpSession(true).deleteCookies(IntakeWebApplication.SESSION_COOKIE));
        return http.build();
    }
}
