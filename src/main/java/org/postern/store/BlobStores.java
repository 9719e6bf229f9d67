package org.postern.store;

import java.security.SecureRandom;
import java.time.Clock;

import org.postern.config.PosternProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one blob store the settings choose ({@code postern.store.type}). */
@Configuration(proxyBeanMethods = false)
public class BlobStores {

    @Bean
    BlobStore blobStore(PosternProperties properties, SecureRandom random, Clock clock) {
        return switch (properties.store().type()) {
            case FILESYSTEM -> fileSystem(properties, random, clock);
            case S3 -> s3(properties.store().s3(), random);
        };
    }

    /** The data directory's store, whatever the settings choose: the migration reads it. */
    public static BlobStore fileSystem(PosternProperties properties, SecureRandom random, Clock clock) {
        return new FileBlobStore(properties, random, clock);
    }

    /** The S3 store the settings describe; close it when done. */
    public static BlobStore s3(PosternProperties.S3 settings, SecureRandom random) {
        return new S3BlobStore(settings, random);
    }
}
