package org.postern.testing;

import java.nio.file.Path;
import java.time.Duration;

import org.postern.config.PosternProperties;
import org.springframework.util.unit.DataSize;

/** {@link PosternProperties} as Spring would bind them from the defaults, for building components directly. */
public final class TestProperties {

    private TestProperties() {
    }

    public static PosternProperties forDataDir(Path dataDir) {
        return forDataDir(dataDir, new PosternProperties.Argon2(65536, 3, 1, 0, Duration.ofSeconds(5)));
    }

    public static PosternProperties forDataDir(Path dataDir, PosternProperties.Argon2 argon2) {
        return new PosternProperties(dataDir, "Postern", "127.0.0.1", false,
                new PosternProperties.Source(8080, DataSize.ofGigabytes(2), DataSize.ofMegabytes(1), 100,
                        Duration.ofHours(2), 60),
                new PosternProperties.Console(8081, Duration.ofMinutes(30)),
                argon2);
    }
}
