package org.postern.review.webauthn;

import javax.sql.DataSource;

import org.postern.accounts.SecurityKeys;
import org.postern.config.PosternProperties;
import org.postern.onion.OnionHostnames;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;

/** Spring Security's WebAuthn parts, on the tables of migration V6. */
@Configuration(proxyBeanMethods = false)
class WebAuthnBeans {

    @Bean
    PublicKeyCredentialUserEntityRepository webAuthnUserEntities(DataSource dataSource) {
        return new JdbcPublicKeyCredentialUserEntityRepository(new JdbcTemplate(dataSource));
    }

    @Bean
    UserCredentialRepository webAuthnCredentials(DataSource dataSource) {
        return new JdbcUserCredentialRepository(new JdbcTemplate(dataSource));
    }

    @Bean
    ConsoleRelyingParty consoleRelyingParty(PosternProperties properties, OnionHostnames onions,
            PublicKeyCredentialUserEntityRepository userEntities, UserCredentialRepository credentials,
            SecurityKeys keys) {
        return new ConsoleRelyingParty(properties.console(), onions, userEntities, credentials, keys);
    }
}
