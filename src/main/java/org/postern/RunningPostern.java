package org.postern;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A started server: the shared core and its two web sides. */
public record RunningPostern(ConfigurableApplicationContext core, ConfigurableApplicationContext intake,
        ConfigurableApplicationContext review) implements AutoCloseable {

    public int sourcePort() {
        return ((WebServerApplicationContext) intake).getWebServer().getPort();
    }

    public int consolePort() {
        return ((WebServerApplicationContext) review).getWebServer().getPort();
    }

    @Override
    public void close() {
        intake.close();
        review.close();
        core.close();
    }
}
