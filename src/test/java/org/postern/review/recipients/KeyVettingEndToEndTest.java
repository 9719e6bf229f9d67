package org.postern.review.recipients;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.accounts.AccountRepository;
import org.postern.crypto.Fingerprints;
import org.postern.crypto.RecipientKey;
import org.postern.recipients.KeyOrigin;
import org.postern.recipients.KeyStatus;
import org.postern.recipients.KeyVetting;
import org.postern.recipients.RecipientRegistry;
import org.postern.recipients.VettedKey;
import org.postern.testing.Admin;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.GnuPG;
import org.postern.testing.Investigator;
import org.postern.testing.Page;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SourceVisit;
import org.postern.testing.StoredBlobs;
import org.postern.testing.TestBrowser;

/**
 * A key's life with a single admin, over real HTTP with keys made by the real gpg: an investigator's key does
 * nothing until an admin approves it; then sources can submit, and what they send opens with that key. The
 * first test needs a server with no approved key at all, so the order is fixed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("postgresql")
class KeyVettingEndToEndTest {

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings();


    @Test
    @Order(1)
    void anInvestigatorsKeyReceivesSubmissionsOnlyOnceAnAdminApprovesIt(PosternTestServer server, GnuPG gpg,
            @Admin Person ada, @Investigator Person ivy) {
        String fpr = gpg.generateCurve25519("Ivy <ivy@example.org>");

        Page uploaded = KeyConsole.upload(ivy, gpg.exportArmored(fpr));
        assertThat(uploaded.path()).isEqualTo("/keys?uploaded");
        assertThat(KeyConsole.keyOn(uploaded, fpr).selectFirst(".fingerprint").wholeText())
                .isEqualTo(Fingerprints.grouped(fpr)).contains("  ");
        assertThat(KeyConsole.cell(uploaded, fpr, "status")).isEqualTo("pending");
        assertThat(uploaded.document().getElementById("key-notice").text()).contains("Read its fingerprint");

        VettedKey pending = ownKey(fpr);
        assertThat(pending.status()).isEqualTo(KeyStatus.PENDING);
        assertThat(pending.origin()).isEqualTo(KeyOrigin.CONSOLE);
        assertThat(pending.ownerId()).isEqualTo(accountId("ivy"));
        assertThat(registry().activeRecipients()).isEmpty();
        TestBrowser source = new TestBrowser(server.sourceUrl());
        assertThat(source.get("/").text()).contains("Submissions are not accepted yet");
        assertThat(source.get("/generate").status()).isEqualTo(503);
        assertThat(source.get("/fingerprints").document().getElementById("no-fingerprints")).isNotNull();

        Page adminList = ada.browser().get("/admin/keys");
        assertThat(KeyConsole.cell(adminList, fpr, "owner")).isEqualTo("ivy");
        assertThat(KeyConsole.cell(adminList, fpr, "origin")).isEqualTo("console");
        assertThat(adminList.document().getElementById("none-receiving")).isNotNull();

        Page unticked = KeyConsole.approve(ada, fpr, false);
        assertThat(unticked.status()).isEqualTo(400);
        assertThat(unticked.document().getElementById("key-error").text()).isEqualTo(
                "Tick the box to confirm that you compared this key's fingerprint with its owner over another channel.");
        assertThat(ownKey(fpr).status()).isEqualTo(KeyStatus.PENDING);

        Page approved = KeyConsole.approve(ada, fpr, true);
        assertThat(approved.path()).isEqualTo("/admin/keys?approved");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(KeyConsole.cell(approved, fpr, "status")).isEqualTo("approved");
        // The day as an English page writes it.
        assertThat(KeyConsole.cell(approved, fpr, "approval")).isEqualTo("ada, " + java.time.format.DateTimeFormatter
                .ofPattern("MMMM d, yyyy", java.util.Locale.ENGLISH).format(today));
        VettedKey live = ownKey(fpr);
        assertThat(live.status()).isEqualTo(KeyStatus.APPROVED);
        assertThat(live.approvedById()).isEqualTo(accountId("ada"));
        assertThat(live.approvedOn()).isEqualTo(today);
        assertThat(registry().activeRecipients()).extracting(RecipientKey::fingerprint).containsExactly(fpr);
        assertThat(ada.browser().get("/").document().getElementById("key-expiry-banner")).as("never expires").isNull();

        String message = "Only Ivy reads this " + UUID.randomUUID();
        SourceVisit sent = SourceVisit.newSource(server).submit(message, List.of());
        assertThat(gpg.decrypt(StoredBlobs.onlySubmission(server, sent)).text()).isEqualTo(message);
        Page fingerprints = new TestBrowser(server.sourceUrl()).get("/fingerprints");
        assertThat(fingerprints.document().select("#fingerprints .fingerprint")).extracting(e -> e.wholeText())
                .containsExactly(Fingerprints.grouped(fpr));
    }

    @Test
    @Order(2)
    void aReplacementKeyTakesOverOnlyWhenApproved(PosternTestServer server, GnuPG gpg,
            @Admin Person ada, @Investigator Person ivy) {
        String old = registry().activeRecipients().get(0).fingerprint();
        String replacement = gpg.generateCurve25519("Ivy renewed <ivy@example.org>");

        Page uploaded = KeyConsole.upload(ivy, gpg.exportArmored(replacement));
        assertThat(KeyConsole.cell(uploaded, replacement, "status")).isEqualTo("pending (replacement)");
        assertThat(KeyConsole.keyOn(uploaded, replacement).text()).contains("keeps receiving submissions");
        assertThat(KeyConsole.cell(uploaded, old, "status")).isEqualTo("approved");
        assertThat(registry().activeRecipients()).extracting(RecipientKey::fingerprint).containsExactly(old);

        Page third = KeyConsole.upload(ivy, gpg.exportArmored(gpg.generateCurve25519("Ivy third <ivy@example.org>")));
        assertThat(third.status()).isEqualTo(409);
        assertThat(third.document().getElementById("key-error").text()).contains("already have a key waiting");

        Page approved = KeyConsole.approve(ada, replacement, true);
        assertThat(approved.path()).isEqualTo("/admin/keys?approved");
        // A submission was encrypted to the replaced key, so its record stays, retired.
        assertThat(KeyConsole.cell(approved, old, "status")).startsWith("retired");
        assertThat(registry().find(old).orElseThrow().status()).isEqualTo(KeyStatus.RETIRED);
        assertThat(registry().activeRecipients()).extracting(RecipientKey::fingerprint).containsExactly(replacement);
        String message = "For the renewed key " + UUID.randomUUID();
        SourceVisit sent = SourceVisit.newSource(server).submit(message, List.of());
        assertThat(gpg.decrypt(StoredBlobs.onlySubmission(server, sent)).text()).isEqualTo(message);
    }

    @Test
    @Order(3)
    void theOnlyAdminMayApproveTheirOwnKey(GnuPG gpg, @Admin Person ada) {
        String fpr = gpg.generateCurve25519("Ada <ada@example.org>");
        KeyConsole.upload(ada, gpg.exportArmored(fpr));

        Page list = ada.browser().get("/admin/keys");
        assertThat(list.document().getElementById("two-person-rule").text()).contains("only admin");
        assertThat(KeyConsole.keyOn(list, fpr).select("form[action$=/approve]")).hasSize(1);
        assertThat(KeyConsole.approve(ada, fpr, true).path()).isEqualTo("/admin/keys?approved");
        assertThat(registry().find(fpr).orElseThrow().status()).isEqualTo(KeyStatus.APPROVED);
    }

    @Test
    @Order(4)
    void anInvestigatorRemovesTheirOwnKey(@Investigator Person ivy) {
        String fpr = registry().activeRecipients().stream().map(RecipientKey::fingerprint)
                .filter(f -> ownKey(f) != null && ownKey(f).isOwnedBy(accountId("ivy"))).findFirst().orElseThrow();
        Page removed = KeyConsole.removeOwn(ivy, fpr);
        assertThat(removed.path()).isEqualTo("/keys?removed");
        assertThat(removed.document().getElementById("no-key")).isNotNull();
        assertThat(registry().find(fpr).orElseThrow().status()).as("kept for the file sent to it")
                .isEqualTo(KeyStatus.RETIRED);
        assertThat(registry().activeRecipients()).extracting(RecipientKey::fingerprint).doesNotContain(fpr);
    }

    private static VettedKey ownKey(String fpr) {
        return POSTERN.server().bean(KeyVetting.class).all().stream().filter(k -> k.fingerprint().equals(fpr))
                .findFirst().orElse(null);
    }

    private static RecipientRegistry registry() {
        return POSTERN.server().bean(RecipientRegistry.class);
    }

    private static String accountId(String username) {
        return POSTERN.server().bean(AccountRepository.class).findByUsername(username).orElseThrow().id();
    }
}
