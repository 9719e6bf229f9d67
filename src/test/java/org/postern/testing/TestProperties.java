package org.postern.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.postern.config.PosternProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@link PosternProperties} bound exactly as Spring binds them, defaults included, to build components directly. */
public final class TestProperties {

    private TestProperties() {
    }

    /** {@code settings} are {@code postern.x=y} pairs over the defaults. */
    public static PosternProperties forDataDir(Path dataDir, String... settings) {
        Map<String, String> values = new HashMap<>();
        values.put("postern.data-dir", dataDir.toString());
        for (String setting : settings) {
            String[] pair = setting.split("=", 2);
            values.put(pair[0], pair[1]);
        }
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("postern",
                PosternProperties.class);
    }
}
