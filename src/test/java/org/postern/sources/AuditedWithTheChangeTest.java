package org.postern.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.audit.AuditAction;
import org.postern.audit.AuditActor;
import org.postern.audit.AuditDetail;
import org.postern.audit.AuditEntry;
import org.postern.audit.AuditLog;
import org.postern.audit.AuditVerifier;
import org.postern.organization.OrganizationProfile;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SourceVisit;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A change and its audit entry commit together, on the real database: the service publishes the event in its
 * transaction and the audit module appends the entry just before commit. So a failure after the change rolls
 * back both, and a failed append takes the change with it.
 */
class AuditedWithTheChangeTest {

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings().recipientKey();

    @Test
    void aSentReplyIsRecordedWithItsTypedActor(PosternTestServer server) {
        Source source = SourceVisit.newSource(server).submit("hello", List.of()).source();

        Reply sent = server.bean(ReplyService.class).send(source.id(), "a reply", AuditActor.account("ivy"))
                .orElseThrow();

        AuditEntry newest = server.bean(AuditLog.class).page(0, 1).get(0);
        assertThat(newest.action()).isEqualTo(AuditAction.REPLY_SENT);
        assertThat(newest.actor()).isEqualTo("ivy");
        assertThat(newest.subject()).isEqualTo(source.designation());
        assertThat(newest.details()).isEqualTo(AuditDetail.of("audit.detail.reply", sent.seq()).encoded());
        assertThat(server.bean(AuditVerifier.class).verify().intact()).isTrue();
    }

    @Test
    void aFailureAfterTheChangeBeforeCommitLeavesNeitherTheReplyNorItsEntry(PosternTestServer server) {
        Source source = SourceVisit.newSource(server).submit("hello", List.of()).source();
        long entries = server.bean(AuditLog.class).count();
        TransactionTemplate tx = new TransactionTemplate(server.bean(PlatformTransactionManager.class));

        assertThatIllegalStateException().isThrownBy(() -> tx.executeWithoutResult(status -> {
            assertThat(server.bean(ReplyService.class).send(source.id(), "a reply", AuditActor.account("ivy")))
                    .isPresent();
            throw new IllegalStateException("fails after the service's change, before commit");
        }));

        assertThat(server.bean(ReplyRepository.class).findBySource(source.id())).isEmpty();
        assertThat(server.bean(AuditLog.class).count()).isEqualTo(entries);
    }

    @Test
    void aFailedAppendTakesTheChangeWithIt(PosternTestServer server) {
        Source source = SourceVisit.newSource(server).submit("hello", List.of()).source();
        long entries = server.bean(AuditLog.class).count();

        // The log refuses an actor that is not a plain name, when the entry is appended before commit.
        assertThatIllegalArgumentException().isThrownBy(() -> server.bean(ReplyService.class)
                .send(source.id(), "a reply", AuditActor.account("not\na plain name")));

        assertThat(server.bean(ReplyRepository.class).findBySource(source.id())).isEmpty();
        assertThat(server.bean(AuditLog.class).count()).isEqualTo(entries);
        assertThat(server.bean(Deletions.class).deleteSubmission(source.id(), 1, AuditActor.account("ivy")))
                .isTrue();
        assertThat(server.bean(AuditLog.class).page(0, 1).get(0).action()).isEqualTo(AuditAction.SUBMISSION_DELETED);
    }

    /** A setting an admin changes in the console: the service stores it and its entry in one transaction. */
    @Test
    void aRetentionPeriodAndItsEntryCommitOrRollBackTogether(PosternTestServer server) {
        RetentionSettings settings = server.bean(RetentionSettings.class);
        AuditLog log = server.bean(AuditLog.class);
        TransactionTemplate tx = new TransactionTemplate(server.bean(PlatformTransactionManager.class));
        long entries = log.count();

        assertThatIllegalStateException().isThrownBy(() -> tx.executeWithoutResult(status -> {
            settings.setDays(RetentionSettings.MAX_DAYS, AuditActor.account("ada"));
            throw new IllegalStateException("fails after the service's change, before commit");
        }));
        assertThat(settings.days()).isEmpty();
        assertThat(log.count()).isEqualTo(entries);

        assertThatIllegalArgumentException().isThrownBy(() -> settings.setDays(RetentionSettings.MAX_DAYS,
                AuditActor.account("not\na plain name")));
        assertThat(settings.days()).isEmpty();
        assertThat(log.count()).isEqualTo(entries);

        try {
            settings.setDays(RetentionSettings.MAX_DAYS, AuditActor.account("ada"));
            assertThat(settings.days()).hasValue(RetentionSettings.MAX_DAYS);
            AuditEntry newest = log.page(0, 1).get(0);
            assertThat(newest.action()).isEqualTo(AuditAction.SETTINGS_CHANGED);
            assertThat(newest.actor()).isEqualTo("ada");
            assertThat(newest.subject()).isEqualTo("retention");
            assertThat(newest.details())
                    .isEqualTo(AuditDetail.of("audit.detail.keepDays", RetentionSettings.MAX_DAYS).encoded());
            assertThat(log.count()).isEqualTo(entries + 1);
        } finally {
            settings.setDays(0, AuditActor.account("ada"));
        }
    }

    @Test
    void theOrganizationsTextsRollBackWithTheirEntry(PosternTestServer server) {
        OrganizationProfile organization = server.bean(OrganizationProfile.class);
        String before = organization.current().introduction();
        long entries = server.bean(AuditLog.class).count();

        assertThatIllegalArgumentException().isThrownBy(() -> organization.setTexts("Newsroom", "Changed",
                "", AuditActor.account("not\na plain name")));

        assertThat(organization.current().introduction()).isEqualTo(before);
        assertThat(server.bean(AuditLog.class).count()).isEqualTo(entries);
    }
}
