package org.postern;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.postern.cli.OperatorCommands;
import org.postern.config.DataDirectoryPreparer;
import org.postern.config.PosternProperties;
import org.postern.intake.IntakeWebApplication;
import org.postern.review.ReviewWebApplication;
import org.postern.sources.StoreRecovery;
import org.postern.web.LoopbackGuard;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Entry point. With no command it runs the server: the core, then store recovery, then the two sides.
 * With an operator command ({@code recipients ...}) it runs that against the core only and exits.
 */
public final class PosternApplication {

    private PosternApplication() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && OperatorCommands.NAMES.contains(args[0])) {
            System.exit(OperatorCommands.run(args));
        }
        start(args);
    }

    public static RunningPostern start(String... args) {
        ConfigurableApplicationContext core = new SpringApplicationBuilder(PosternCore.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).listeners(new DataDirectoryPreparer())
                .run(args);
        try {
            PosternProperties properties = core.getBean(PosternProperties.class);
            LoopbackGuard.check(properties);
            core.getBean(StoreRecovery.class).recover();
            ConfigurableApplicationContext intake = side(core, IntakeWebApplication.class, args);
            try {
                return new RunningPostern(core, intake, side(core, ReviewWebApplication.class, args));
            } catch (RuntimeException e) {
                intake.close();
                throw e;
            }
        } catch (IOException e) {
            core.close();
            throw new UncheckedIOException("store recovery failed", e);
        } catch (RuntimeException e) {
            core.close();
            throw e;
        }
    }

    private static ConfigurableApplicationContext side(ConfigurableApplicationContext core, Class<?> app,
            String[] args) {
        return new SpringApplicationBuilder(app).parent(core).web(WebApplicationType.SERVLET)
                .bannerMode(Banner.Mode.OFF).logStartupInfo(false).run(args);
    }

}
