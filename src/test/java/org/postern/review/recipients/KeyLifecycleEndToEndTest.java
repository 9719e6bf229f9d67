package org.postern.review.recipients;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.audit.AuditAction;
import org.postern.audit.AuditActor;
import org.postern.audit.AuditEntry;
import org.postern.audit.AuditLog;
import org.postern.crypto.Fingerprints;
import org.postern.crypto.RecipientKey;
import org.postern.recipients.KeyStatus;
import org.postern.recipients.RecipientRegistry;
import org.postern.sources.Deletions;
import org.postern.sources.ReplyRepository;
import org.postern.testing.Admin;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.GnuPG;
import org.postern.testing.GnuPGHomes;
import org.postern.testing.Investigator;
import org.postern.testing.Page;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SourceVisit;
import org.postern.testing.StoredBlobs;
import org.postern.testing.TestBrowser;

/**
 * A recipient key's whole life over real HTTP, with every blob opened by the real gpg holding only the key that
 * should open it: the organisation recovery key set on the command line and then replaced by two admins in the
 * console, an investigator's key rotated (the old one retired and kept while a file needs it, then forgotten),
 * the console naming which key opens each file, and intake pausing when the last reading key expires. The steps
 * build on each other, so the order is fixed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("slow")
class KeyLifecycleEndToEndTest {

    @RegisterExtension
    static final GnuPGHomes HOMES = new GnuPGHomes();

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings()
            .beforeStart((server, gpg) -> setTheRecoveryKeyTwice(server));

    private static String cliRecoveryFpr;
    private static String consoleRecoveryFpr;
    private static String oldFpr;
    private static String newFpr;
    private static SourceVisit firstSource;
    private static SourceVisit secondSource;

    /** The operator sets the recovery key with the server stopped, and replaces it: one is ever approved. */
    private static void setTheRecoveryKeyTwice(PosternTestServer server) {
        GnuPG first = HOMES.of("first recovery");
        GnuPG cli = HOMES.of("cli recovery");
        String firstFpr = first.generateCurve25519("Recovery 2025 <safe@example.org>");
        cliRecoveryFpr = cli.generateCurve25519("Recovery 2026 <safe@example.org>");
        consoleRecoveryFpr = HOMES.of("console recovery").generateCurve25519("Recovery 2027 <safe@example.org>");
        PosternTestServer.CommandResult set = server.command("recipients", "add", "--recovery",
                first.exportArmoredTo(firstFpr, first.home()).toString());
        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.out()).contains("organisation recovery key");
        PosternTestServer.CommandResult replaced = server.command("recipients", "add", "--recovery",
                cli.exportArmoredTo(cliRecoveryFpr, cli.home()).toString());
        assertThat(replaced.exitCode()).as(replaced.err()).isZero();
        assertThat(replaced.out()).contains(Fingerprints.grouped(firstFpr) + " is removed");
        String listed = server.command("recipients", "list").out();
        assertThat(listed).contains(cliRecoveryFpr + "  APPROVED  OPERATOR  RECOVERY").doesNotContain(firstFpr);
    }

    /** Both recovery-key changes on the command line are audited; two admins and an investigator exist. */
    @BeforeAll
    static void start(@Admin Person ada, @Admin("bob") Person bob, @Investigator Person ivy) {
        assertThat(audit()).extracting(AuditEntry::action).contains(AuditAction.RECOVERY_KEY_SET,
                AuditAction.RECOVERY_KEY_REPLACED);
    }

    @Test
    @Order(1)
    void theRecoveryKeyAloneDoesNotOpenIntake(PosternTestServer server, @Admin Person ada) {
        assertThat(registry().recoveryKey()).isPresent();
        assertThat(registry().activeRecipients()).isEmpty();
        TestBrowser source = new TestBrowser(server.sourceUrl());
        assertThat(source.get("/generate").status()).isEqualTo(503);
        assertThat(ada.browser().get("/admin/keys").document().getElementById("none-receiving")).isNotNull();
    }

    @Test
    @Order(2)
    void everyFileOpensWithTheInvestigatorsKeyAndTheRecoveryKeyAndThePublicPageMarksIt(PosternTestServer server,
            @Admin Person ada, @Investigator Person ivy) {
        oldFpr = HOMES.of("ivy old").generateCurve25519("Ivy <ivy@example.org>");
        KeyConsole.upload(ivy, HOMES.of("ivy old").exportArmored(oldFpr));
        assertThat(KeyConsole.approve(ada, oldFpr, true).path()).isEqualTo("/admin/keys?approved");

        String message = "Before the rotation " + UUID.randomUUID();
        firstSource = SourceVisit.newSource(server).submit(message, List.of());
        Path blob = StoredBlobs.onlySubmission(server, firstSource);
        assertOpens(HOMES.of("ivy old"), blob, message);
        assertOpens(HOMES.of("cli recovery"), blob, message);

        Page fingerprints = new TestBrowser(server.sourceUrl()).get("/fingerprints");
        List<Element> items = fingerprints.document().select("#fingerprints li");
        assertThat(items).hasSize(2);
        assertThat(items).filteredOn(li -> li.selectFirst(".recovery-key") != null)
                .extracting(li -> li.selectFirst(".fingerprint").wholeText())
                .containsExactly(Fingerprints.grouped(cliRecoveryFpr));

        Page keys = ada.browser().get("/admin/keys");
        assertThat(KeyConsole.cell(keys, cliRecoveryFpr, "status")).isEqualTo("recovery key, approved");
        assertThat(KeyConsole.cell(keys, cliRecoveryFpr, "owner")).isEqualTo("the organisation (recovery key)");
    }

    @Test
    @Order(3)
    void aRotatedKeyStopsReceivingAndTheConsoleSaysWhichFilesStillNeedIt(PosternTestServer server,
            @Admin Person ada, @Admin("bob") Person bob, @Investigator Person ivy) {
        newFpr = HOMES.of("ivy new").generateCurve25519("Ivy 2027 <ivy@example.org>");
        KeyConsole.upload(ivy, HOMES.of("ivy new").exportArmored(newFpr));
        assertThat(KeyConsole.approve(bob, newFpr, true).path()).isEqualTo("/admin/keys?approved");

        assertThat(registry().find(oldFpr).orElseThrow().status()).as("kept for the file before").isEqualTo(
                KeyStatus.RETIRED);
        assertThat(registry().activeRecipients()).extracting(RecipientKey::fingerprint)
                .containsExactlyInAnyOrder(newFpr, cliRecoveryFpr);
        assertThat(audit()).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.KEY_REPLACED);
            assertThat(e.subject()).isEqualTo(oldFpr);
            assertThat(e.details()).isEqualTo("@audit.detail.replacedByKept(\"" + newFpr + "\")");
        });

        String message = "After the rotation " + UUID.randomUUID();
        secondSource = SourceVisit.newSource(server).submit(message, List.of());
        Path blob = StoredBlobs.onlySubmission(server, secondSource);
        assertOpens(HOMES.of("ivy new"), blob, message);
        assertOpens(HOMES.of("cli recovery"), blob, message);
        assertThat(HOMES.of("ivy old").canDecrypt(blob)).as("the old key no longer receives").isFalse();

        Page before = ivy.browser().get("/sources/" + firstSource.source().id());
        Element row = before.document().selectFirst("tr.submission");
        assertThat(row.selectFirst(".encrypted-to").text()).isEqualTo("ivy (retired key), the organisation recovery key")
                .isNotEqualTo("");
        assertThat(row.selectFirst(".key-needed").text()).contains("Your current key cannot open this")
                .contains("ivy's retired key " + Fingerprints.grouped(oldFpr).replaceAll("\\s+", " "));
        Page after = ivy.browser().get("/sources/" + secondSource.source().id());
        Element fresh = after.document().selectFirst("tr.submission");
        assertThat(fresh.selectFirst(".encrypted-to").text()).isEqualTo("ivy, the organisation recovery key");
        assertThat(fresh.selectFirst(".key-needed")).isNull();

        Page keys = ada.browser().get("/admin/keys");
        assertThat(KeyConsole.cell(keys, oldFpr, "status")).isEqualTo("retired: receives nothing; 1 stored file needs it");
        assertThat(KeyConsole.cell(keys, oldFpr, "owner")).isEqualTo("ivy");

        // A reply goes to the source, the investigator's current key and the recovery key.
        String replyText = "Thank you " + UUID.randomUUID();
        Page page = ivy.browser().get("/sources/" + secondSource.source().id());
        Page replied = ivy.browser().post("/sources/" + secondSource.source().id() + "/reply",
                Map.of("_csrf", page.csrfToken(), "text", replyText));
        assertThat(replied.status()).isEqualTo(200);
        Path reply = server.storeDir().resolve(server.bean(ReplyRepository.class)
                .findBySource(secondSource.source().id()).get(0).blobId().value());
        assertOpens(HOMES.of("ivy new"), reply, replyText);
        assertOpens(HOMES.of("cli recovery"), reply, replyText);
        assertThat(replied.document().selectFirst("tr.reply .encrypted-to").text())
                .isEqualTo("ivy, the organisation recovery key");
    }

    @Test
    @Order(4)
    void twoAdminsReplaceTheRecoveryKeyInTheConsole(PosternTestServer server, @Admin Person ada,
            @Admin("bob") Person bob) {
        Page form = ada.browser().get("/admin/keys");
        Page proposed = ada.browser().post("/admin/keys/recovery", Map.of("_csrf", form.csrfToken(),
                "armored", HOMES.of("console recovery").exportArmored(consoleRecoveryFpr)));
        assertThat(proposed.path()).isEqualTo("/admin/keys?recoveryProposed");
        assertThat(KeyConsole.cell(proposed, consoleRecoveryFpr, "status")).isEqualTo("recovery key, pending");
        assertThat(KeyConsole.keyOn(proposed, consoleRecoveryFpr).select("form[action$=/approve]")).isEmpty();

        Page own = KeyConsole.approve(ada, consoleRecoveryFpr, true);
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.document().getElementById("key-error").text()).contains("another admin must approve");
        assertThat(registry().recoveryKey().orElseThrow().fingerprint()).isEqualTo(cliRecoveryFpr);

        assertThat(KeyConsole.approve(bob, consoleRecoveryFpr, true).path()).isEqualTo("/admin/keys?approved");
        assertThat(registry().recoveryKey().orElseThrow().fingerprint()).isEqualTo(consoleRecoveryFpr);
        assertThat(registry().find(cliRecoveryFpr).orElseThrow().status()).isEqualTo(KeyStatus.RETIRED);
        assertThat(audit()).extracting(AuditEntry::actor, AuditEntry::action, AuditEntry::subject).contains(
                org.assertj.core.groups.Tuple.tuple("ada", AuditAction.RECOVERY_KEY_PROPOSED, consoleRecoveryFpr),
                org.assertj.core.groups.Tuple.tuple("bob", AuditAction.RECOVERY_KEY_REPLACED, cliRecoveryFpr),
                org.assertj.core.groups.Tuple.tuple("bob", AuditAction.RECOVERY_KEY_SET, consoleRecoveryFpr));

        String message = "For the new recovery key " + UUID.randomUUID();
        Path blob = StoredBlobs.onlySubmission(server, SourceVisit.newSource(server).submit(message, List.of()));
        assertOpens(HOMES.of("console recovery"), blob, message);
        assertThat(HOMES.of("cli recovery").canDecrypt(blob)).isFalse();
        Page fingerprints = new TestBrowser(server.sourceUrl()).get("/fingerprints");
        assertThat(fingerprints.document().select("#fingerprints li:has(.recovery-key) .fingerprint"))
                .extracting(Element::wholeText).containsExactly(Fingerprints.grouped(consoleRecoveryFpr));
    }

    @Test
    @Order(5)
    void aRetiredKeysRecordGoesWithTheLastFileThatNeedsIt(PosternTestServer server) {
        assertThat(server.bean(Deletions.class).deleteSource(firstSource.source().id(), AuditActor.OPERATOR)).isTrue();
        assertThat(registry().find(oldFpr)).isEmpty();
        assertThat(registry().find(cliRecoveryFpr)).as("still needed by the second source's files").isPresent();
        assertThat(audit()).extracting(AuditEntry::action, AuditEntry::subject)
                .contains(org.assertj.core.groups.Tuple.tuple(AuditAction.KEY_FORGOTTEN, oldFpr));
    }

    @Test
    @Order(6)
    void whenTheLastReadingKeyExpiresIntakePausesCalmly(PosternTestServer server, @Admin Person ada,
            @Admin("bob") Person bob, @Investigator Person ivy) throws Exception {
        // Ivy's key goes; a key that expires in a minute is the only reader left, with the recovery key.
        assertThat(KeyConsole.removeOwn(ivy, newFpr).path()).isEqualTo("/keys?removed");
        assertThat(registry().find(newFpr).orElseThrow().status()).isEqualTo(KeyStatus.RETIRED);
        int seconds = 60;
        Instant expires = Instant.now().plusSeconds(seconds);
        String shortFpr = HOMES.of("short lived").generateExpiringInSeconds("Bob <bob@example.org>", seconds);
        KeyConsole.upload(bob, HOMES.of("short lived").exportArmored(shortFpr));
        assertThat(KeyConsole.approve(ada, shortFpr, true).path()).isEqualTo("/admin/keys?approved");
        assertThat(bob.browser().get("/").document().getElementById("key-expiry-banner")).isNotNull();

        String message = "Just in time " + UUID.randomUUID();
        Path blob = StoredBlobs.onlySubmission(server, SourceVisit.newSource(server).submit(message, List.of()));
        assertOpens(HOMES.of("short lived"), blob, message);

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expires).toMillis()) + 1500);
        assertThat(registry().activeRecipients()).as("only the recovery key is left").isEmpty();
        TestBrowser source = new TestBrowser(server.sourceUrl());
        Page landing = source.get("/");
        assertThat(landing.status()).isEqualTo(200);
        assertThat(source.get("/generate").status()).isEqualTo(503);
        assertThat(new TestBrowser(server.sourceUrl()).get("/fingerprints").document()
                .getElementById("no-fingerprints")).isNotNull();
        assertThat(ada.browser().get("/admin/keys").document().getElementById("none-receiving")).isNotNull();
    }

    private static void assertOpens(GnuPG home, Path blob, String expected) {
        GnuPG.Decrypted out = home.decrypt(blob);
        assertThat(out.integrityOk()).as(out.status()).isTrue();
        assertThat(out.text()).isEqualTo(expected);
    }

    private static RecipientRegistry registry() {
        return POSTERN.server().bean(RecipientRegistry.class);
    }

    private static List<AuditEntry> audit() {
        return POSTERN.server().bean(AuditLog.class).page(0, 500);
    }
}
