package org.postern.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A chain written through the real core verifies; any single change made directly in the database does not. */
@Tag("postgresql")
class AuditChainTest {

    private static final int ENTRIES = 12;
    private static final int TAMPERED = 7;

    private AuditCore core;

    @BeforeEach
    void writeChain() {
        core = AuditCore.inFreshDataDir();
        AuditAction[] actions = AuditAction.values();
        for (int i = 1; i <= ENTRIES; i++) {
            core.log().record(new AuditEvent(i % 3 == 0 ? AuditEvent.SYSTEM : "alice", actions[i % actions.length],
                    "designation-" + i, i % 2 == 0 ? AuditDetail.NONE : AuditDetail.of("audit.detail.reply", i)));
        }
    }

    @AfterEach
    void close() {
        core.close();
    }

    @Test
    void untouchedChainVerifies() {
        AuditVerification result = core.verifier().verify();
        assertThat(result.intact()).as(result.reason()).isTrue();
        assertThat(result.entries()).isEqualTo(ENTRIES);

        List<AuditEntry> all = core.log().page(0, 100);
        assertThat(all).extracting(AuditEntry::seq).containsExactly(12L, 11L, 10L, 9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L);
        assertThat(all.get(all.size() - 1).prevHash()).isEqualTo(EntryHash.GENESIS);
        for (int i = 0; i < all.size() - 1; i++) {
            assertThat(all.get(i).prevHash()).isEqualTo(all.get(i + 1).entryHash());
        }
        assertThat(result.lastHash()).isEqualTo(all.get(0).entryHash());
        assertThat(all.get(0).occurredAt().getNano()).as("timed to the second").isZero();

        core.close();
        AuditCore.Result verify = core.command("audit", "verify");
        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("Audit log intact: 12 entries").contains(result.lastHash());
    }

    @Test
    void pagesAreNewestFirstAndCounted() {
        assertThat(core.log().count()).isEqualTo(ENTRIES);
        assertThat(core.log().page(0, 5)).extracting(AuditEntry::seq).containsExactly(12L, 11L, 10L, 9L, 8L);
        assertThat(core.log().page(2, 5)).extracting(AuditEntry::seq).containsExactly(2L, 1L);
        assertThat(core.log().page(3, 5)).isEmpty();
        AuditEntry newest = core.log().page(0, 1).get(0);
        assertThat(newest.actor()).isEqualTo(AuditEvent.SYSTEM);
        assertThat(newest.subject()).isEqualTo("designation-12");
        assertThat(newest.action()).isEqualTo(AuditAction.values()[12 % AuditAction.values().length]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"subject = 'someone-else'", "details = 'nothing happened'",
        "occurred_at = timestamp '2001-02-03 04:05:06'", "actor = 'mallory'", "action = 'LOGOUT'",
        "entry_hash = '1111111111111111111111111111111111111111111111111111111111111111'"})
    void changingOneEntryBreaksTheChainAtThatEntry(String change) {
        assertThat(core.jdbc().sql("update audit_entry set " + change + " where seq = ?").param(TAMPERED).update())
                .isEqualTo(1);
        core.close();

        AuditCore.Result verify = core.command("audit", "verify");

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.err()).startsWith("Audit log broken at entry " + TAMPERED + ": ");
        assertThat(verify.out()).doesNotContain("intact");
    }

    @Test
    void aSubSecondChangeToTheTimeIsSeen() {
        core.jdbc().sql("update audit_entry set occurred_at = occurred_at + interval '0.5' second where seq = ?")
                .param(TAMPERED).update();
        AuditVerification result = core.verifier().verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.brokenAt()).isEqualTo(TAMPERED);
    }

    @Test
    void relinkingAnEntryToTheWrongPredecessorIsSeen() {
        String genesis = EntryHash.GENESIS;
        core.jdbc().sql("update audit_entry set prev_hash = ? where seq = ?").params(genesis, TAMPERED).update();
        core.close();

        AuditCore.Result verify = core.command("audit", "verify");

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.err()).startsWith("Audit log broken at entry 7: prev_hash mismatch");
    }

    @Test
    void deletingAMiddleEntryIsAGapAtThatSequence() {
        core.jdbc().sql("delete from audit_entry where seq = 5").update();
        core.close();

        AuditCore.Result verify = core.command("audit", "verify");

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.err()).startsWith("Audit log broken at entry 5: gap in sequence");
    }

    @Test
    void deletingTheLastEntryShowsAgainstTheHead() {
        core.jdbc().sql("delete from audit_entry where seq = ?").param(ENTRIES).update();
        core.close();

        AuditCore.Result verify = core.command("audit", "verify");

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.err()).startsWith("Audit log broken at entry 12: deleted tail");
    }

    @Test
    void deletingTheWholeLogShowsAgainstTheHead() {
        core.jdbc().sql("delete from audit_entry").update();
        AuditVerification result = core.verifier().verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.brokenAt()).isEqualTo(1);
        assertThat(result.reason()).startsWith("deleted tail");
    }

    @Test
    void anEntryAppendedBehindTheHeadsBackIsSeen() {
        AuditEntry last = core.log().page(0, 1).get(0);
        core.jdbc().sql("update audit_head set last_seq = last_seq - 1").update();
        AuditVerification result = core.verifier().verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.brokenAt()).isEqualTo(last.seq());
        assertThat(result.reason()).startsWith("not recorded in audit_head");
    }

    @Test
    void cleanedTextIsWhatIsStoredAndHashed() {
        AuditEntry entry = core.log().record(new AuditEvent("alice", AuditAction.SETTINGS_CHANGED,
                "line one\nline two " + "x".repeat(10_000), AuditDetail.of("audit.detail.invitedBy",
                AuditDetail.text("\u202eevil"))));
        AuditEntry stored = core.log().page(0, 1).get(0);
        assertThat(stored).isEqualTo(entry);
        assertThat(stored.subject()).hasSize(AuditEvent.MAX_SUBJECT).doesNotContain("\n");
        assertThat(stored.details()).isEqualTo("@audit.detail.invitedBy(\"\uFFFDevil\")");
        assertThat(core.verifier().verify().intact()).isTrue();
    }

    @Test
    void anEmptyLogVerifies() {
        core.close();
        core = AuditCore.inFreshDataDir();
        assertThat(core.verifier().verify().intact()).isTrue();
        assertThat(core.log().count()).isZero();
        core.close();
        AuditCore.Result verify = core.command("audit", "verify");
        assertThat(verify.exitCode()).isZero();
        assertThat(verify.out()).contains("Audit log intact: 0 entries");
    }

    @Test
    void appendingAfterARestartContinuesTheChain() {
        core.close();
        core.open();
        AuditEntry next = core.log().record(AuditEvent.byOperator(AuditAction.SETTINGS_CHANGED, "retention"));
        assertThat(next.seq()).isEqualTo(ENTRIES + 1);
        assertThat(core.verifier().verify().entries()).isEqualTo(ENTRIES + 1);
    }
}
