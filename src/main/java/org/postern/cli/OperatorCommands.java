package org.postern.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

import org.postern.core.PosternCore;
import org.postern.config.DataDirectoryPreparer;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine;

/**
 * The operator's command line, in the same jar: {@code java -jar postern.jar recipients add FILE}.
 * It opens the core (database and store) without any web server, so it works while the server is stopped.
 */
public final class OperatorCommands {

    public static final Set<String> NAMES = Set.of("recipients", "tor", "audit", "store");

    private OperatorCommands() {
    }

    public static int run(String... args) {
        return run(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true), args);
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        // Quiet logging comes last so that it wins: the operator reads our messages, not Spring's.
        String[] springArgs = java.util.stream.Stream.concat(
                Arrays.stream(args).filter(a -> a.startsWith("--postern.") || a.startsWith("--spring.")),
                java.util.stream.Stream.of("--logging.level.root=OFF")).toArray(String[]::new);
        String[] commandArgs = Arrays.stream(args).filter(a -> !a.startsWith("--postern.") && !a.startsWith("--spring."))
                .toArray(String[]::new);
        ConfigurableApplicationContext core;
        try {
            core = new SpringApplicationBuilder(PosternCore.class).web(WebApplicationType.NONE)
                    .bannerMode(Banner.Mode.OFF).logStartupInfo(false).listeners(new DataDirectoryPreparer())
                    .run(springArgs);
        } catch (RuntimeException e) {
            err.println(DatabaseInUse.explain(e));
            return 2;
        }
        try (core) {
            CommandLine cli = new CommandLine(new Root(), new SpringFactory(core));
            cli.setOut(out);
            cli.setErr(err);
            return cli.execute(commandArgs);
        }
    }

    @CommandLine.Command(name = "postern", mixinStandardHelpOptions = true,
            subcommands = {RecipientsCommand.class, TorCommand.class, AuditCommand.class, StoreCommand.class},
            description = "Operator commands. They honour the same --postern.* settings as the server.")
    static final class Root implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }

    /** Lets picocli build commands with their dependencies from the core context. */
    private record SpringFactory(ConfigurableApplicationContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type.isAnnotationPresent(CommandLine.Command.class)) {
                return context.getAutowireCapableBeanFactory().createBean(type);
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
