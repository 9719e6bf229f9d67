package org.postern.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.crypto.Codename;
import org.postern.crypto.CodenameKdf;
import org.postern.crypto.SourceSecrets;
import org.postern.sources.Source;
import org.postern.sources.SourceRepository;
import org.postern.testing.Admin;
import org.postern.testing.CanaryContent;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.Page;
import org.postern.testing.PlaintextScanner;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SecretsUsed;
import org.postern.testing.TestBrowser;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A source's submission and an investigator's reply carry a canary. The audit entries the console itself writes
 * while an investigator reads, downloads, replies to and deletes them (through the real pages, not entries the
 * test makes up) hold neither the canary, the file name, the codename, nor any id that leads back to them.
 */
@Tag("postgresql")
class AuditNeverHoldsContentTest {

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings().recipientKey();

    @Test
    void entriesTheConsoleWritesHoldOnlyIdentifiers(PosternTestServer server, @Admin Person ada) throws Exception {
        String canary = "CANARY-" + UUID.randomUUID();
        String fileName = "file-" + canary + ".pdf";
        SecretsUsed.record(SecretsUsed.Kind.CANARY, canary);
        TestBrowser browser = new TestBrowser(server.sourceUrl());
        Page codenamePage = browser.get("/generate");
        String codename = codenamePage.document().getElementById("codename").text();
        Page lookup = browser.post("/create", Map.of("_csrf", codenamePage.csrfToken()));
        Page receipt = browser.submit(lookup, "message " + canary, List.of(new TestBrowser.FilePart(fileName,
                () -> new CanaryContent(64 * 1024, canary, 7))));
        assertThat(receipt.status()).isEqualTo(200);
        Source source;
        String lookupId;
        try (SourceSecrets secrets = server.bean(CodenameKdf.class).derive(Codename.parse(codename))) {
            lookupId = secrets.lookupId();
            source = server.bean(SourceRepository.class).findByLookupId(lookupId).orElseThrow();
        }
        long before = entries(server).size();

        TestBrowser console = ada.browser();
        Page sourcePage = console.get("/sources/" + source.id());
        assertThat(sourcePage.status()).isEqualTo(200);
        assertThat(console.post("/sources/" + source.id() + "/reply", Map.of("_csrf", sourcePage.csrfToken(),
                "text", "reply " + canary)).status()).isEqualTo(200);
        assertThat(console.download("/sources/" + source.id() + "/submissions/2/download").status()).isEqualTo(200);
        assertThat(console.download("/sources/" + source.id() + "/archive").status()).isEqualTo(200);
        Page confirm = console.get("/sources/" + source.id() + "/submissions/2/delete");
        assertThat(console.post("/sources/" + source.id() + "/submissions/2/delete", Map.of("_csrf",
                confirm.csrfToken(), "confirm", "yes")).status()).isEqualTo(200);

        List<String> rows = entries(server);
        List<String> written = rows.subList((int) before, rows.size());
        assertThat(written).as("the console's own entries for these actions").hasSize(4);
        assertThat(server.bean(AuditLog.class).page(0, 4)).extracting(AuditEntry::action).containsExactlyInAnyOrder(
                AuditAction.REPLY_SENT, AuditAction.SUBMISSION_DOWNLOADED, AuditAction.SOURCE_ARCHIVE_DOWNLOADED,
                AuditAction.SUBMISSION_DELETED);
        for (String secret : List.of(canary, fileName, codename, lookupId, source.id())) {
            assertThat(rows).as("no audit entry holds %s", secret).noneMatch(row -> row.contains(secret));
        }
        assertThat(server.bean(AuditLog.class).page(0, 4)).extracting(AuditEntry::subject)
                .containsOnly(source.designation());

        server.stop();
        PosternTestServer.CommandResult verify = server.command("audit", "verify");
        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("Audit log intact").doesNotContain(canary);
        assertThat(PlaintextScanner.findAll(List.of(server.dataDir()), List.of(canary, codename)))
                .as("the stopped server's data dir, H2 files included").isEmpty();
    }

    private static List<String> entries(PosternTestServer server) {
        return server.bean(JdbcClient.class).sql("select * from audit_entry order by seq").query((rs, n) -> {
            StringBuilder row = new StringBuilder();
            for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                row.append(rs.getString(c)).append('|');
            }
            return row.toString();
        }).list();
    }
}
