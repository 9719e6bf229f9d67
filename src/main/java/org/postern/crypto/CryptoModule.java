package org.postern.crypto;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CryptoModule {

    /** The platform's strong source (blocking only until the OS pool is seeded). */
    @Bean
    SecureRandom secureRandom() throws NoSuchAlgorithmException {
        return SecureRandom.getInstance("NativePRNGNonBlocking");
    }
}
