package org.postern.crypto;

import java.security.SecureRandom;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CryptoModule {

    /** The platform's default strong source; on Linux it reads the kernel's pool without blocking. */
    @Bean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }
}
