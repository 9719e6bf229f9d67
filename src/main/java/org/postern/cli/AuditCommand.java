package org.postern.cli;

import java.util.concurrent.Callable;

import org.postern.audit.AuditVerification;
import org.postern.audit.AuditVerifier;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code audit verify}: checks the audit log's hash chain. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Check the audit log.",
        subcommands = {AuditCommand.Verify.class})
class AuditCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "verify", description = "Walk the hash chain and report the first broken entry.")
    static class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        private final AuditVerifier verifier;

        Verify(AuditVerifier verifier) {
            this.verifier = verifier;
        }

        @Override
        public Integer call() {
            AuditVerification result = verifier.verify();
            if (!result.intact()) {
                spec.commandLine().getErr().println(
                        "Audit log broken at entry " + result.brokenAt() + ": " + result.reason());
                return 1;
            }
            spec.commandLine().getOut().println("Audit log intact: " + result.entries() + " entries");
            // Noted outside the server, this exposes a later rewrite of the whole tail.
            spec.commandLine().getOut().println("Last entry hash: " + result.lastHash());
            return 0;
        }
    }
}
