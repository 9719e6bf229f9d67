package org.postern.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stored form of a detail: one plain line that reads back to the same key and arguments, and nothing else. */
class AuditDetailTest {

    @Test
    void encodesKeyAndTypedArgumentsAndReadsThemBack() {
        AuditDetail detail = AuditDetail.of("audit.detail.retention", 3, 4L, 0);
        assertThat(detail.encoded()).isEqualTo("@audit.detail.retention(3,4,0)");
        assertThat(AuditDetail.parse(detail.encoded())).contains(detail);

        AuditDetail named = AuditDetail.of("audit.detail.invitedBy", AuditDetail.text("a\"b\\c, d) e"));
        assertThat(named.encoded()).isEqualTo("@audit.detail.invitedBy(\"a\\\"b\\\\c, d) e\")");
        assertThat(AuditDetail.parse(named.encoded())).contains(named);

        AuditDetail terms = AuditDetail.of("audit.detail.organizationChanged",
                AuditDetail.terms("audit.term.name", "audit.term.instructions"));
        assertThat(terms.encoded()).isEqualTo("@audit.detail.organizationChanged([audit.term.name,audit.term.instructions])");
        assertThat(AuditDetail.parse(terms.encoded())).contains(terms);

        assertThat(AuditDetail.of("audit.detail.logoRemoved").encoded()).isEqualTo("@audit.detail.logoRemoved()");
        assertThat(AuditDetail.NONE.encoded()).isEmpty();
    }

    /** What Postern wrote before details were structured: every such text stays text. */
    @ParameterizedTest
    @ValueSource(strings = {"", "failure 3, with code", "for 15 minutes", "reply 3, encrypted in the browser",
        "logo replaced", "by 0123456789ABCDEF0123456789ABCDEF01234567; kept for stored files", "invited by ada",
        "2 submissions, 1 replies", "ADMIN", "DISABLE_ADMIN proposed by ada", "key Security key", "on",
        "@audit.detail.reply", "@audit.detail.reply(3", "@audit.detail.reply(3))", "@audit.detail.reply(\"a)",
        "@audit.detail.reply(x)", "@audit.detail.reply(\"a\\x\")", "@audit detail(1)", "@(1)", "@a([])",
        "@a(1,2,3,4,5)", "@a(١)"})
    void olderTextAndAnythingMalformedIsNotADetail(String stored) {
        assertThat(AuditDetail.parse(stored)).isEmpty();
    }

    @Test
    void textArgumentsAreCleanedAndTheWholeFitsItsColumn() {
        AuditDetail odd = AuditDetail.of("audit.detail.securityKey", AuditDetail.text(" x\n\u202ey "));
        assertThat(odd.encoded()).isEqualTo("@audit.detail.securityKey(\"x\uFFFD\uFFFDy\")");

        String quotes = "\"".repeat(10_000);
        AuditDetail big = AuditDetail.of("audit.detail.proposedBy.DISABLE_ADMIN", AuditDetail.text(quotes),
                AuditDetail.text(quotes), AuditDetail.text(quotes), AuditDetail.text(quotes));
        assertThat(big.encoded().length()).isLessThanOrEqualTo(AuditEvent.MAX_DETAILS);
        assertThat(AuditDetail.parse(big.encoded())).contains(big);
        AuditEvent event = new AuditEvent("alice", AuditAction.KEY_ADDED, "x", big);
        assertThat(event.details()).isEqualTo(big.encoded());
    }

    @Test
    void keysAndArgumentsAreChecked() {
        assertThatIllegalArgumentException().isThrownBy(() -> AuditDetail.of("a key"));
        assertThatIllegalArgumentException().isThrownBy(() -> AuditDetail.of("audit.detail.reply", "3"));
        assertThatIllegalArgumentException().isThrownBy(() -> AuditDetail.of("audit.detail.reply", 1.5));
        assertThatIllegalArgumentException().isThrownBy(() -> AuditDetail.of("k", 1, 2, 3, 4, 5));
        assertThatIllegalArgumentException().isThrownBy(() -> AuditDetail.terms("not a key"));
        assertThat(AuditDetail.of("k", 7).arguments()).isEqualTo(List.of(7L));
    }
}
