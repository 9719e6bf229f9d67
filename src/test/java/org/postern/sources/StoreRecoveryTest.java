package org.postern.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postern.core.PosternCore;
import org.postern.crypto.Codename;
import org.postern.crypto.CodenameKdf;
import org.postern.crypto.ReplyKeys;
import org.postern.crypto.SourceSecrets;
import org.postern.crypto.WordList;
import org.postern.store.BlobId;
import org.postern.store.BlobStore;
import org.postern.store.PendingBlob;
import org.postern.testing.TestDatabase;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The core against real H2 files: recovery removes exactly the orphans, and rows keep only what they must. */
@Tag("postgresql")
@Tag("slow")
class StoreRecoveryTest {

    private static final String CODENAME = "alpha bravo charlie delta echo foxtrot golf";

    @TempDir
    Path dataDir;
    private ConfigurableApplicationContext core;
    private BlobStore store;
    private SubmissionRepository submissions;

    @BeforeEach
    void startCore() {
        List<String> arguments = new ArrayList<>(TestDatabase.freshSettings());
        arguments.addAll(List.of("--postern.data-dir=" + dataDir, "--postern.argon2.memory-kib=64",
                "--postern.argon2.iterations=1"));
        core = new SpringApplicationBuilder(PosternCore.class).web(WebApplicationType.NONE)
                .run(arguments.toArray(String[]::new));
        store = core.getBean(BlobStore.class);
        submissions = core.getBean(SubmissionRepository.class);
    }

    @AfterEach
    void closeCore() {
        core.close();
    }

    @Test
    void recoveryRemovesExactlyTheOrphansAndCountsThem() throws IOException {
        Source source = newSource(CODENAME);
        BlobId goodMessage = publish();
        BlobId goodFile = publish();
        BlobId lostMessage = publish();
        submissions.recordAll(source.id(), List.of(message(goodMessage), file(goodFile), message(lostMessage)));
        Reply goodReply = core.getBean(ReplyRepository.class).record(source.id(), publish(), 10);
        Reply lostReply = core.getBean(ReplyRepository.class).record(source.id(), publish(), 10);
        store.delete(lostMessage);
        store.delete(lostReply.blobId());
        BlobId unrecorded = publish();
        Files.write(dataDir.resolve("store/incoming/0123456789abcdef0123456789abcdef"), new byte[] {1, 2, 3});

        StoreRecovery.Report report = core.getBean(StoreRecovery.class).recover();

        assertThat(report).isEqualTo(new StoreRecovery.Report(1, 2, 1));
        assertThat(submissions.findBySource(source.id())).extracting(Submission::blobId)
                .containsExactly(goodMessage, goodFile);
        assertThat(core.getBean(ReplyRepository.class).findBySource(source.id())).extracting(Reply::blobId)
                .containsExactly(goodReply.blobId());
        assertThat(store.list()).containsExactlyInAnyOrder(goodMessage, goodFile, goodReply.blobId());
        assertThat(store.exists(unrecorded)).isFalse();
        assertThat(dataDir.resolve("store/incoming")).isEmptyDirectory();
        assertThat(core.getBean(StoreRecovery.class).recover()).isEqualTo(new StoreRecovery.Report(0, 0, 0));
    }

    @Test
    void submissionsAreNumberedPerSourceAcrossCallsAndDatedToTheDay() throws IOException {
        Source a = newSource(CODENAME);
        Source b = newSource("hotel india juliet kilo lima mike november");
        LocalDate before = LocalDate.now(ZoneOffset.UTC);

        List<Submission> first = submissions.recordAll(a.id(), List.of(message(publish()), file(publish())));
        List<Submission> other = submissions.recordAll(b.id(), List.of(file(publish())));
        List<Submission> second = submissions.recordAll(a.id(),
                List.of(file(publish()), file(publish()), message(publish())));

        assertThat(first).extracting(Submission::seq).containsExactly(1, 2);
        assertThat(other).extracting(Submission::seq).containsExactly(1);
        assertThat(second).extracting(Submission::seq).containsExactly(3, 4, 5);
        assertThat(submissions.findBySource(a.id())).extracting(Submission::seq).containsExactly(1, 2, 3, 4, 5);
        assertThat(submissions.findBySource(a.id())).extracting(Submission::receivedOn)
                .allSatisfy(day -> assertThat(day).isBetween(before, LocalDate.now(ZoneOffset.UTC)));
    }

    @Test
    void designationsAreTwoRandomWordsUnrelatedToTheCodename() {
        Set<String> dictionary = Set.copyOf(core.getBean(WordList.class).words());
        List<String> designations = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Source source = newSource(CODENAME);
            designations.add(source.designation());
            core.getBean(JdbcClient.class).sql("delete from source where id = ?").param(source.id()).update();
        }

        for (String designation : designations) {
            String[] words = designation.split(" ");
            assertThat(words).hasSize(2);
            assertThat(dictionary).contains(words);
            assertThat(CODENAME).doesNotContain(designation);
        }
        // The same codename, hence the same lookup id, gets a new designation every time: nothing is derived.
        assertThat(Set.copyOf(designations)).hasSize(3);
    }

    @Test
    void sourceSubmissionAndReplyTablesHoldDaysNeverTimes() throws Exception {
        Map<String, String> types = new HashMap<>();
        try (Connection c = core.getBean(DataSource.class).getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            boolean lower = meta.storesLowerCaseIdentifiers();
            for (String table : List.of("SOURCE", "SUBMISSION", "REPLY", "RECIPIENT_KEY")) {
                String schema = lower ? "public" : "PUBLIC";
                try (ResultSet columns = meta.getColumns(null, schema, lower ? table.toLowerCase(Locale.ROOT) : table,
                        null)) {
                    while (columns.next()) {
                        types.put(table + "." + columns.getString("COLUMN_NAME").toUpperCase(Locale.ROOT),
                                columns.getString("TYPE_NAME").toUpperCase(Locale.ROOT));
                    }
                }
            }
        }

        assertThat(types).hasSizeGreaterThan(25)
                .containsEntry("SUBMISSION.RECEIVED_ON", "DATE").containsEntry("REPLY.SENT_ON", "DATE")
                .containsEntry("SOURCE.CREATED_ON", "DATE").containsEntry("SOURCE.LAST_ACTIVITY_ON", "DATE");
        assertThat(types.values()).noneMatch(type -> type.contains("TIME"));
    }

    private Source newSource(String codename) {
        try (SourceSecrets secrets = core.getBean(CodenameKdf.class).derive(Codename.parse(codename))) {
            return core.getBean(SourceRepository.class).create(secrets.lookupId(),
                    core.getBean(ReplyKeys.class).publicKey(secrets));
        }
    }

    private BlobId publish() throws IOException {
        try (PendingBlob blob = store.create()) {
            blob.output().write(new byte[] {42});
            blob.publish();
            return blob.id();
        }
    }

    private static NewSubmission message(BlobId id) {
        return new NewSubmission(SubmissionKind.MESSAGE, id, 1, java.util.List.of());
    }

    private static NewSubmission file(BlobId id) {
        return new NewSubmission(SubmissionKind.FILE, id, 1, java.util.List.of());
    }
}
