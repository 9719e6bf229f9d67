package org.postern.core;

import org.postern.accounts.AccountRepository;
import org.postern.audit.AuditLog;
import org.postern.config.PosternProperties;
import org.postern.crypto.CodenameKdf;
import org.postern.recipients.RecipientRegistry;
import org.postern.onion.ClientAuthKeys;
import org.postern.organization.OrganizationProfile;
import org.postern.sources.SourceRepository;
import org.postern.store.BlobStore;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.PersistenceExceptionTranslationAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;

/**
 * The shared core under both web applications: configuration, crypto, store, sources, keys. It has no web
 * server of its own; each side is a child context with its own Tomcat.
 */
@SpringBootConfiguration
// The core needs only a database, its migrations and transactions. Naming them, rather than letting Boot weigh
// every auto-configuration on the classpath, keeps web, template and JSON machinery out of it and saves start-up.
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, ConfigurationPropertiesAutoConfiguration.class,
    LifecycleAutoConfiguration.class, AopAutoConfiguration.class, DataSourceAutoConfiguration.class,
    FlywayAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
    TransactionManagerCustomizationAutoConfiguration.class, TransactionAutoConfiguration.class,
    JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class,
    PersistenceExceptionTranslationAutoConfiguration.class})
@ComponentScan(basePackageClasses = {PosternProperties.class, CodenameKdf.class, BlobStore.class,
    SourceRepository.class, RecipientRegistry.class, AccountRepository.class, ClientAuthKeys.class,
    AuditLog.class, OrganizationProfile.class})
public class PosternCore {
}
