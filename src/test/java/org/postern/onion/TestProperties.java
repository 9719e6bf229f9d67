package org.postern.onion;

import java.util.Map;

import org.postern.config.PosternProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Binds settings the way Spring does at startup, defaults included. */
final class TestProperties {

    private TestProperties() {
    }

    static PosternProperties of(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("postern", PosternProperties.class);
    }
}
