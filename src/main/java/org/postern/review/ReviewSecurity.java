package org.postern.review;

import org.postern.accounts.AccountRepository;
import org.postern.audit.AuditAction;
import org.postern.audit.AuditEvent;
import org.postern.audit.AuditLog;
import org.postern.onion.OnionHostnames;
import org.postern.web.OnionHostGuard;
import org.postern.web.StrictHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
    SecurityFilterChain reviewFilterChain(HttpSecurity http, ConsoleAuthenticationProvider provider,
            AccountRepository accounts, OnionHostnames onions, AuditLog audit) throws Exception {
        http.addFilterAfter(new OnionHostGuard(onions::console), HeaderWriterFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/setup", "/invite/**", "/reenrol/**", "/console-css/**", "/error")
                        .permitAll()
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        .anyRequest().hasRole("INVESTIGATOR"))
                .authenticationProvider(provider)
                .formLogin(form -> form.loginPage("/login").loginProcessingUrl("/login")
                        .authenticationDetailsSource(new ConsoleAuthenticationProvider.LoginDetailsSource())
                        .defaultSuccessUrl("/", true).failureUrl("/login?error").permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logged-out")
                        .addLogoutHandler((request, response, auth) -> {
                            if (auth != null && auth.getPrincipal() instanceof ConsoleUser user) {
                                audit.record(AuditEvent.of(user.username(), AuditAction.LOGOUT, user.username()));
                            }
                        })
                        .invalidateHttpSession(true).deleteCookies(ReviewWebApplication.SESSION_COOKIE))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .addFilterBefore(new SessionEpochFilter(accounts), AnonymousAuthenticationFilter.class)
                .headers(StrictHeaders.apply(StrictHeaders.CSP))
                .requestCache(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable);
        return http.build();
    }
}
