package org.postern.intake;

import javax.sql.DataSource;

import org.postern.config.BrokenConnectionEviction;
import org.postern.config.PosternProperties;
import org.postern.i18n.Formats;
import org.postern.i18n.Language;
import org.postern.i18n.LanguageSwitch;
import org.postern.i18n.SessionLanguages;
import org.postern.i18n.Translations;
import org.postern.web.SideErrorValve;
import org.postern.web.SideErrorViews;
import org.postern.web.DropConnectionValve;
import org.postern.web.SideServer;
import org.postern.web.Subresources;
import org.postern.web.StorageFailures;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.MultipartAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The source-facing web application: its own Tomcat on the source port, a child of the shared core.
 * The servlet container's multipart handling is left out on purpose: it buffers parts to temp files in
 * plaintext, so uploads are parsed as a stream instead.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration(exclude = {MultipartAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
    DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
@ComponentScan(basePackageClasses = IntakeWebApplication.class)
public class IntakeWebApplication implements WebMvcConfigurer {

    public static final String SESSION_COOKIE = "postern_source";
    private static final long MB = 1024 * 1024;

    private final SessionLanguages languages;

    IntakeWebApplication(PosternProperties properties) {
        Language fallback = properties.source().language();
        this.languages = new SessionLanguages(Language.SOURCE, () -> fallback);
    }

    /** Named as Spring looks it up: the language of every page comes from here. */
    @Bean
    SessionLanguages localeResolver() {
        return languages;
    }

    @Bean
    Translations messageSource() {
        return new Translations("source", Language.SOURCE);
    }

    @Bean
    Formats formats() {
        return new Formats();
    }

    @Bean
    SideServer intakeServer(PosternProperties properties, Translations messageSource) {
        return new SideServer(properties.bindAddress(), properties.source().port(),
                properties.source().unixSocket(), SESSION_COOKIE,
                properties.source().sessionTimeout(), properties.source().maxUploadBytes().toBytes() + MB,
                new SideErrorValve("/css/source.css", properties.organizationName(), messageSource, languages),
                new DropConnectionValve(properties.uploads().minRate().toBytes(), properties.uploads().rateWindow(),
                        properties.source().maxUploadBytes().toBytes() + MB));
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new LanguageSwitch(languages));
    }

    @Bean
    SideErrorViews intakeErrorViews(PosternProperties properties) {
        return new SideErrorViews("intake/error", properties.organizationName());
    }

    @Bean
    StorageFailures intakeStorageFailures(PosternProperties properties, DataSource dataSource) {
        return new StorageFailures("intake/error", properties.organizationName(),
                () -> BrokenConnectionEviction.evictAll(dataSource));
    }

    @Bean
    Subresources intakeSubresources() {
        return new Subresources();
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/css/**").addResourceLocations("classpath:/static/intake/css/");
        registry.addResourceHandler("/js/**").addResourceLocations("classpath:/static/intake/js/");
        registry.addResourceHandler("/vendor/**").addResourceLocations("classpath:/static/intake/vendor/");
    }
}
