package org.postern.config;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PosternProperties.class)
class ConfigModule {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
