package org.postern.sources;

import java.time.Clock;

import org.postern.config.PosternProperties;
import org.postern.testing.PosternTestServer;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The server's {@link UnsubmittedSources}, with a clock a test moves instead of waiting days. */
public final class UnsubmittedSourcesAt {

    private UnsubmittedSourcesAt() {
    }

    public static UnsubmittedSources at(PosternTestServer server, Clock clock) {
        return new UnsubmittedSources(server.bean(JdbcClient.class), server.bean(PosternProperties.class), clock);
    }
}
