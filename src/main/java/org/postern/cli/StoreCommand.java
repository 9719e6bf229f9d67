package org.postern.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.postern.config.PosternProperties;
import org.postern.store.StoreMigration;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code store migrate --to s3}: moves the blobs from the data directory to the S3 store. */
@Command(name = "store", mixinStandardHelpOptions = true, description = "Manage the blob store.",
        subcommands = {StoreCommand.Migrate.class})
class StoreCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    enum Target {
        s3
    }

    @Command(name = "migrate", description = {
        "Copy every blob from the data directory to the S3 store named by --postern.store.s3.* settings, checking "
            + "each copy's length and SHA-256. Stop the server first. Safe to run again after an interruption.",
        "Then set postern.store.type=s3 and start the server."})
    static class Migrate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--to", required = true, description = "Where to: s3.")
        Target to;

        @Option(names = "--delete-source", description = "Delete each local blob once its copy checks out.")
        boolean deleteSource;

        private final PosternProperties properties;

        Migrate(PosternProperties properties) {
            this.properties = properties;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (properties.store().s3().bucket().isBlank()) {
                err.println("Set --postern.store.s3.bucket (and the endpoint and keys) to say where the blobs go.");
                return 1;
            }
            StoreMigration.Report report;
            try {
                report = StoreMigration.toS3(properties, deleteSource, out);
            } catch (IOException | RuntimeException e) {
                err.println("Migration stopped: " + e.getMessage() + ". What was copied is kept; run the command "
                        + "again to go on.");
                return 1;
            }
            out.println("Copied and verified: " + report.copied() + " (" + report.bytes() + " bytes)");
            out.println("Already in the store and verified: " + report.alreadyThere());
            out.println("Deleted locally: " + report.deletedLocally());
            if (report.failed() > 0) {
                err.println("Copies that did not match and were removed: " + report.failed()
                        + ". Run the command again.");
                return 1;
            }
            out.println("Every blob is in the S3 store. Set postern.store.type=s3 before starting the server.");
            return 0;
        }
    }
}
