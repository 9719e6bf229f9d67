package org.postern;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;

import org.postern.accounts.SetupTokens;
import org.postern.cli.OperatorCommands;
import org.postern.config.DataDirectoryPreparer;
import org.postern.core.PosternCore;
import org.postern.config.PosternProperties;
import org.postern.intake.IntakeWebApplication;
import org.postern.review.ReviewWebApplication;
import org.postern.sources.StoreRecovery;
import org.postern.web.LoopbackGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Entry point. With no command it runs the server: the core, then store recovery, then the two sides.
 * With an operator command ({@code recipients ...}) it runs that against the core only and exits.
 */
public final class PosternApplication {

    private static final Logger log = LoggerFactory.getLogger(PosternApplication.class);

    private PosternApplication() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && OperatorCommands.NAMES.contains(args[0])) {
            System.exit(OperatorCommands.run(args));
        }
        if (args.length == 1 && TrainingRun.COMMAND.equals(args[0])) {
            System.exit(TrainingRun.run());
        }
        start(args);
    }

    public static RunningPostern start(String... args) {
        return start(Clock.systemUTC(), args);
    }

    /**
     * Runs the server with {@code clock} as the time every rule reads (TOTP steps, locks, expiries, retention):
     * tests pass a clock they can move instead of sleeping.
     */
    public static RunningPostern start(Clock clock, String... args) {
        ConfigurableApplicationContext core = new SpringApplicationBuilder(PosternCore.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .listeners(new DataDirectoryPreparer())
                .initializers(context -> ((GenericApplicationContext) context).registerBean("clock", Clock.class,
                        () -> clock))
                .run(args);
        try {
            PosternProperties properties = core.getBean(PosternProperties.class);
            LoopbackGuard.check(properties);
            core.getBean(StoreRecovery.class).recover();
            // The two sides share nothing but the core, so they start side by side: on two cores this saves
            // most of the second one's start-up. The thread inherits this one's class loader, as a jar needs.
            SideStart intake = new SideStart(core, IntakeWebApplication.class, args);
            intake.start();
            ConfigurableApplicationContext review;
            try {
                review = side(core, ReviewWebApplication.class, args);
            } catch (RuntimeException e) {
                intake.closeWhenStarted();
                throw e;
            }
            RunningPostern running;
            try {
                running = new RunningPostern(core, intake.await(), review);
            } catch (RuntimeException e) {
                review.close();
                throw e;
            }
            // Said only once both sides listen; the setup token, when one is needed, follows right after. A loopback
            // bind is named "localhost", so that no log line ever holds an IP address.
            String host = LoopbackGuard.isLoopback(properties.bindAddress()) ? "localhost"
                    : properties.bindAddress().contains(":") ? "[" + properties.bindAddress() + "]"
                    : properties.bindAddress();
            log.info("Postern is ready. Sources: {} . Console: {} .",
                    where(host, running.sourcePort(), properties.source().unixSocket()),
                    where(host, running.consolePort(), properties.console().unixSocket()));
            core.getBean(SetupTokens.class).issueIfNoAdmin();
            return running;
        } catch (IOException e) {
            core.close();
            throw new UncheckedIOException("store recovery failed", e);
        } catch (RuntimeException e) {
            core.close();
            throw e;
        }
    }

    private static String where(String host, int port, Path unixSocket) {
        return unixSocket != null ? "unix:" + unixSocket.toAbsolutePath() : "http://" + host + ":" + port + "/";
    }

    /** One side's context, started on its own thread. */
    private static final class SideStart extends Thread {
        private final ConfigurableApplicationContext core;
        private final Class<?> app;
        private final String[] args;
        private volatile ConfigurableApplicationContext started;
        private volatile RuntimeException failure;

        SideStart(ConfigurableApplicationContext core, Class<?> app, String[] args) {
            super("postern-start-" + app.getSimpleName());
            this.core = core;
            this.app = app;
            this.args = args.clone();
        }

        @Override
        public void run() {
            try {
                started = side(core, app, args);
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        ConfigurableApplicationContext await() {
            try {
                join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closeWhenStarted();
                throw new IllegalStateException("interrupted while starting " + app.getSimpleName(), e);
            }
            if (failure != null) {
                throw failure;
            }
            return started;
        }

        void closeWhenStarted() {
            try {
                ConfigurableApplicationContext c = await();
                c.close();
            } catch (RuntimeException ignored) {
                // It failed by itself; nothing to close.
            }
        }
    }

    private static ConfigurableApplicationContext side(ConfigurableApplicationContext core, Class<?> app,
            String[] args) {
        return new SpringApplicationBuilder(app).parent(core).web(WebApplicationType.SERVLET)
                .bannerMode(Banner.Mode.OFF).logStartupInfo(false).run(args);
    }

}
