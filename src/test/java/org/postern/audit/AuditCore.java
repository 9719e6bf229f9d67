package org.postern.audit;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.postern.core.PosternCore;
import org.postern.cli.OperatorCommands;
import org.postern.config.DataDirectoryPreparer;
import org.postern.testing.TestDatabase;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** The real core context (H2 file, Flyway) in a fresh data dir, and the operator command line against it. */
final class AuditCore implements AutoCloseable {

    private final Path dataDir;
    private ConfigurableApplicationContext context;

    private final List<String> database = TestDatabase.freshSettings();

    private AuditCore(Path dataDir) {
        this.dataDir = dataDir;
    }

    static AuditCore inFreshDataDir() {
        try {
            Path root = Files.createDirectories(Path.of("target", "test-data"));
            AuditCore core = new AuditCore(Files.createTempDirectory(root.toAbsolutePath(), "audit"));
            core.open();
            return core;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void open() {
        context = new SpringApplicationBuilder(PosternCore.class).web(WebApplicationType.NONE)
                .listeners(new DataDirectoryPreparer()).run(arguments());
    }

    /** Like stopping the server: the command line then opens the database on its own. */
    @Override
    public void close() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    AuditLog log() {
        return context.getBean(AuditLog.class);
    }

    AuditVerifier verifier() {
        return context.getBean(AuditVerifier.class);
    }

    JdbcClient jdbc() {
        return context.getBean(JdbcClient.class);
    }

    PlatformTransactionManager transactions() {
        return context.getBean(PlatformTransactionManager.class);
    }

    Path dataDir() {
        return dataDir;
    }

    Result command(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.Arrays.stream(arguments())).toArray(String[]::new);
        int code = OperatorCommands.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
        return new Result(code, out.toString(), err.toString());
    }

    private String[] arguments() {
        List<String> all = new ArrayList<>(database);
        all.add("--postern.data-dir=" + dataDir);
        return all.toArray(String[]::new);
    }

    record Result(int exitCode, String out, String err) {
    }
}
