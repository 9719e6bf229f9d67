package org.postern.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.postern.testing.PosternProcess;
import org.postern.testing.PosternTestServer;
import org.springframework.util.FileSystemUtils;

/**
 * Item 6: from launch until both sides have served a page. It uses the packaged jar when there is one
 * ({@code java -jar target/postern.jar}, as an operator starts it), else the classes; once on a fresh data
 * directory (with every migration) and once more on the same directory.
 */
final class StartupBench {

    void run(ResultTable table) throws java.io.IOException {
        Path jar = Path.of("target", "postern.jar");
        boolean packaged = Files.isRegularFile(jar);
        Path dataDir = PosternTestServer.inFreshDataDir().dataDir();
        String how = packaged ? "java -jar target/postern.jar" : "classpath";
        try {
            for (String when : List.of("fresh data dir", "restart")) {
                try (PosternProcess server = packaged ? PosternProcess.startJar(jar, dataDir, List.of())
                        : PosternProcess.start(dataDir, List.of())) {
                    long ms = server.startup().toMillis();
                    table.check("6", "launch to first page, " + when + " (" + how + ")",
                            ResultTable.seconds(ms / 1e3), "< 5 s", ms < 5_000);
                }
            }
        } finally {
            FileSystemUtils.deleteRecursively(dataDir);
        }
    }
}
