package org.postern;

import org.postern.accounts.AccountRepository;
import org.postern.audit.AuditLog;
import org.postern.config.PosternProperties;
import org.postern.crypto.CodenameKdf;
import org.postern.keys.RecipientRegistry;
import org.postern.onion.ClientAuthKeys;
import org.postern.sources.SourceRepository;
import org.postern.store.BlobStore;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;

/**
 * The shared core under both web applications: configuration, crypto, store, sources, keys. It has no web
 * server of its own; each side is a child context with its own Tomcat.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = UserDetailsServiceAutoConfiguration.class)
@ComponentScan(basePackageClasses = {PosternProperties.class, CodenameKdf.class, BlobStore.class,
    SourceRepository.class, RecipientRegistry.class, AccountRepository.class, ClientAuthKeys.class,
    AuditLog.class})
public class PosternCore {
}
