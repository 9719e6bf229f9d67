package org.postern.review;

import javax.sql.DataSource;

import org.postern.config.BrokenConnectionEviction;
import org.postern.accounts.AccountRepository;
import org.postern.config.PosternProperties;
import org.postern.i18n.Formats;
import org.postern.i18n.Language;
import org.postern.i18n.LanguageSwitch;
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

/** The investigators' review console: its own Tomcat on the console port, a child of the shared core. */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration(exclude = {MultipartAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
    DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
@ComponentScan(basePackageClasses = ReviewWebApplication.class)
public class ReviewWebApplication implements WebMvcConfigurer {

    public static final String SESSION_COOKIE = "postern_console";

    private final AccountLanguages languages;

    ReviewWebApplication(AccountRepository accounts) {
        this.languages = new AccountLanguages(accounts);
    }

    /** Named as Spring looks it up: the language of every page comes from here. */
    @Bean
    AccountLanguages localeResolver() {
        return languages;
    }

    @Bean
    Translations messageSource() {
        return new Translations("console", Language.CONSOLE);
    }

    @Bean
    Formats formats() {
        return new Formats();
    }

    @Bean
    SideServer reviewServer(PosternProperties properties, Translations messageSource) {
        return new SideServer(properties.bindAddress(), properties.console().port(),
                properties.console().unixSocket(), SESSION_COOKIE,
                properties.console().sessionTimeout(), 2L * 1024 * 1024,
                new SideErrorValve("/console-css/console.css", properties.organizationName(), messageSource,
                        languages), new DropConnectionValve(properties.uploads().minRate().toBytes(),
                                properties.uploads().rateWindow(), 2L * 1024 * 1024));
    }

    @Bean
    SideErrorViews reviewErrorViews(PosternProperties properties) {
        return new SideErrorViews("review/error", properties.organizationName());
    }

    @Bean
    StorageFailures reviewStorageFailures(PosternProperties properties, DataSource dataSource) {
        return new StorageFailures("review/error", properties.organizationName(),
                () -> BrokenConnectionEviction.evictAll(dataSource));
    }

    @Bean
    Subresources reviewSubresources() {
        return new Subresources();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new LanguageSwitch(languages));
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/console-css/**").addResourceLocations("classpath:/static/review/css/");
        registry.addResourceHandler("/console-js/**").addResourceLocations("classpath:/static/review/js/");
        // Pinned browser libraries (OpenPGP.js), each with its licence, served only from the console's origin.
        registry.addResourceHandler("/console-vendor/**").addResourceLocations("classpath:/static/review/vendor/");
    }
}
