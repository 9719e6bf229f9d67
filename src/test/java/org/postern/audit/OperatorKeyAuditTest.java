package org.postern.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postern.testing.GnuPG;

/** Keys added and removed on the command line are audited as the operator's, by fingerprint only. */
@Tag("postgresql")
class OperatorKeyAuditTest {

    @Test
    void recipientsAddAndRemoveAreAudited() throws Exception {
        try (GnuPG gpg = GnuPG.create(); AuditCore core = AuditCore.inFreshDataDir()) {
            core.close();
            String fpr = gpg.generateCurve25519("Investigator <inv@example.org>");
            Path key = gpg.exportArmoredTo(fpr, Files.createTempDirectory("key"));
            Path unusable = gpg.exportArmoredTo(gpg.generateSignOnly("Signer <s@example.org>"),
                    Files.createTempDirectory("key"));

            assertThat(core.command("recipients", "add", key.toString()).exitCode()).isZero();
            assertThat(core.command("recipients", "add", key.toString()).exitCode()).as("duplicate").isEqualTo(1);
            assertThat(core.command("recipients", "add", unusable.toString()).exitCode()).as("refused").isEqualTo(1);
            assertThat(core.command("recipients", "remove", fpr.toLowerCase()).exitCode()).isZero();
            assertThat(core.command("recipients", "remove", fpr).exitCode()).as("already gone").isEqualTo(1);

            AuditCore.Result verify = core.command("audit", "verify");
            assertThat(verify.exitCode()).as(verify.err()).isZero();
            assertThat(verify.out()).contains("Audit log intact: 2 entries");

            core.open();
            assertThat(core.log().page(0, 10))
                    .extracting(AuditEntry::actor, AuditEntry::action, AuditEntry::subject, AuditEntry::details)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("operator", AuditAction.KEY_REMOVED, fpr, ""),
                            org.assertj.core.groups.Tuple.tuple("operator", AuditAction.KEY_ADDED, fpr, ""));
        }
    }
}
