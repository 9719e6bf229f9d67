package org.postern.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Entry text stays one bounded, plain line; the actor is never silently altered. */
class AuditEventTest {

    @Test
    void overLongSubjectAndDetailsAreCutAndMarked() {
        AuditEvent event = new AuditEvent("alice", AuditAction.SETTINGS_CHANGED, "s".repeat(10_000),
                AuditDetail.of("audit.detail.invitedBy", AuditDetail.text("d".repeat(10_000))));
        assertThat(event.subject()).hasSize(AuditEvent.MAX_SUBJECT).endsWith("\u2026").startsWith("sss");
        assertThat(((AuditDetail.Text) event.detail().arguments().get(0)).value()).hasSize(AuditDetail.MAX_TEXT)
                .endsWith("\u2026");
    }

    @Test
    void textAtTheLimitIsKept() {
        String exact = "x".repeat(AuditEvent.MAX_SUBJECT);
        assertThat(AuditEvent.of("alice", AuditAction.KEY_APPROVED, exact).subject()).isEqualTo(exact);
    }

    @Test
    void cuttingNeverSplitsASurrogatePair() {
        String text = "a".repeat(AuditEvent.MAX_SUBJECT - 2) + "\uD83D\uDD11".repeat(5);
        String subject = AuditEvent.of("alice", AuditAction.KEY_APPROVED, text).subject();
        assertThat(subject.length()).isLessThanOrEqualTo(AuditEvent.MAX_SUBJECT);
        assertThat(subject.codePoints().filter(cp -> Character.getType(cp) == Character.SURROGATE)).isEmpty();
        assertThat(subject).endsWith("\u2026");
    }

    @Test
    void controlFormatAndSeparatorCharactersAreReplaced() {
        AuditEvent event = new AuditEvent("alice", AuditAction.SETTINGS_CHANGED,
                "  a\nb\rc\u0000d\u001be\u202ef\u2028g\th\u0085i  ",
                AuditDetail.of("audit.detail.securityKey", AuditDetail.text("x\uD800y\u200bz")));
        assertThat(event.subject()).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg\uFFFDh\uFFFDi");
        assertThat(event.details()).isEqualTo("@audit.detail.securityKey(\"x\uFFFDy\uFFFDz\")");
    }

    @Test
    void missingSubjectAndDetailsAreEmpty() {
        AuditEvent event = new AuditEvent("system", AuditAction.RETENTION_DELETED, null, null);
        assertThat(event.subject()).isEmpty();
        assertThat(event.details()).isEmpty();
    }

    @Test
    void plainTextIsKeptAsIs() {
        AuditEvent event = AuditEvent.of("alice.b-c_d@desk", AuditAction.KEY_ADDED, "Ünïcødé designation 42");
        assertThat(event.actor()).isEqualTo("alice.b-c_d@desk");
        assertThat(event.subject()).isEqualTo("Ünïcødé designation 42");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "alice\n", "al ice", " alice", "ali\u202ece", "ali\u0000ce", "ali\tce"})
    void actorsThatAreNotPlainNamesAreRefused(String actor) {
        assertThatIllegalArgumentException().isThrownBy(() -> AuditEvent.of(actor, AuditAction.LOGOUT, "x"));
    }

    @Test
    void overLongAndMissingActorsAreRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> AuditEvent.of("a".repeat(AuditEvent.MAX_ACTOR + 1), AuditAction.LOGOUT, ""));
        assertThatIllegalArgumentException().isThrownBy(() -> AuditEvent.of((String) null, AuditAction.LOGOUT, ""));
        assertThat(AuditEvent.of("a".repeat(AuditEvent.MAX_ACTOR), AuditAction.LOGOUT, "").actor())
                .hasSize(AuditEvent.MAX_ACTOR);
    }

    @Test
    void everyActionNameFitsItsColumn() {
        for (AuditAction action : AuditAction.values()) {
            assertThat(action.name().length()).as(action.name()).isLessThanOrEqualTo(40);
        }
    }

    @Test
    void theHashEncodingIsUnambiguous() {
        var at = java.time.LocalDateTime.of(2024, 1, 2, 3, 4, 5);
        String a = EntryHash.compute(1, at, "alice", "KEY_ADDED", "ab", "c", EntryHash.GENESIS);
        String b = EntryHash.compute(1, at, "alice", "KEY_ADDED", "a", "bc", EntryHash.GENESIS);
        String c = EntryHash.compute(1, at, "alic", "eKEY_ADDED", "ab", "c", EntryHash.GENESIS);
        assertThat(a).hasSize(64).isNotEqualTo(b).isNotEqualTo(c);
        assertThat(EntryHash.compute(1, at, "alice", "KEY_ADDED", "ab", "c", EntryHash.GENESIS)).isEqualTo(a);
    }
}
