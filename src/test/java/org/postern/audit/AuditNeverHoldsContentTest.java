package org.postern.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postern.crypto.Codename;
import org.postern.crypto.CodenameKdf;
import org.postern.crypto.SourceSecrets;
import org.postern.sources.ReplyService;
import org.postern.sources.Source;
import org.postern.sources.SourceRepository;
import org.postern.testing.CanaryContent;
import org.postern.testing.GnuPG;
import org.postern.testing.Page;
import org.postern.testing.PlaintextScanner;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SecretsUsed;
import org.postern.testing.TestBrowser;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A source's submission and an investigator's reply carry a canary; the audit entries that describe them, written
 * the way the console writes them (by designation and fingerprint), hold neither the canary nor the codename.
 */
@Tag("postgresql")
class AuditNeverHoldsContentTest {

    @Test
    void entriesAboutContentHoldOnlyIdentifiers() throws Exception {
        String canary = "CANARY-" + UUID.randomUUID();
        SecretsUsed.record(SecretsUsed.Kind.CANARY, canary);
        try (GnuPG gpg = GnuPG.create(); PosternTestServer server = PosternTestServer.inFreshDataDir()) {
            String fpr = gpg.generateCurve25519("Investigator <inv@example.org>");
            Path key = gpg.exportArmoredTo(fpr, Files.createTempDirectory("key"));
            assertThat(server.command("recipients", "add", key.toString()).exitCode()).isZero();
            server.start();

            TestBrowser browser = new TestBrowser(server.sourceUrl());
            Page codenamePage = browser.get("/generate");
            String codename = codenamePage.document().getElementById("codename").text();
            Page lookup = browser.post("/create", Map.of("_csrf", codenamePage.csrfToken()));
            Page receipt = browser.submit(lookup, "message " + canary, List.of(new TestBrowser.FilePart(
                    "file-" + canary + ".pdf", () -> new CanaryContent(64 * 1024, canary, 7))));
            assertThat(receipt.status()).isEqualTo(200);
            Source source;
            String lookupId;
            try (SourceSecrets secrets = server.bean(CodenameKdf.class).derive(Codename.parse(codename))) {
                lookupId = secrets.lookupId();
                source = server.bean(SourceRepository.class).findByLookupId(lookupId).orElseThrow();
            }
            server.bean(ReplyService.class).send(source.id(), "reply " + canary);

            AuditLog audit = server.bean(AuditLog.class);
            audit.record(AuditEvent.of("alice", AuditAction.KEY_APPROVED, fpr));
            audit.record(AuditEvent.of("alice", AuditAction.SUBMISSION_DOWNLOADED, source.designation()));
            audit.record(AuditEvent.of("alice", AuditAction.SOURCE_ARCHIVE_DOWNLOADED, source.designation()));
            audit.record(AuditEvent.of("alice", AuditAction.REPLY_SENT, source.designation()));
            audit.record(AuditEvent.of("alice", AuditAction.SUBMISSION_DELETED, source.designation()));

            List<String> rows = server.bean(JdbcClient.class).sql("select * from audit_entry order by seq")
                    .query((rs, n) -> {
                        StringBuilder row = new StringBuilder();
                        for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                            row.append(rs.getString(c)).append('|');
                        }
                        return row.toString();
                    }).list();
            assertThat(rows).hasSize(6);
            for (String secret : List.of(canary, codename, lookupId, source.id())) {
                assertThat(rows).noneMatch(row -> row.contains(secret));
            }
            assertThat(audit.page(0, 10)).extracting(AuditEntry::subject)
                    .containsOnly(fpr, source.designation());

            server.stop();
            PosternTestServer.CommandResult verify = server.command("audit", "verify");
            assertThat(verify.exitCode()).as(verify.err()).isZero();
            assertThat(verify.out()).contains("Audit log intact: 6 entries").doesNotContain(canary);
            assertThat(PlaintextScanner.findAll(List.of(server.dataDir()), List.of(canary, codename)))
                    .as("the stopped server's data dir, H2 files included").isEmpty();
        }
    }
}
