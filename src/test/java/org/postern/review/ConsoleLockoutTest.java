package org.postern.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.audit.AuditAction;
import org.postern.audit.AuditEntry;
import org.postern.audit.AuditLog;
import org.postern.testing.Admin;
import org.postern.testing.ConsoleAccounts;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.Page;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.TestBrowser;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Guessing a console password: parallel attempts cannot slip past the lock, and repeated failures lock out. */
@Tag("postgresql")
class ConsoleLockoutTest {

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings();

    @Test
    void parallelGuessesAreEvaluatedOneAtATime(PosternTestServer server, ConsoleAccounts accounts,
            @Admin Person admin) throws Exception {
        Person lou = accounts.invite(admin, "INVESTIGATOR", "lou");
        Instant before = server.clock().instant();
        int guesses = 12;
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Page>> attempts = new ArrayList<>();
        // A thread per guess: the common pool has one thread on a 2-core machine, which would send them in turn.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(guesses);
        long[] sent = new long[guesses];
        long[] answered = new long[guesses];
        for (int i = 0; i < guesses; i++) {
            String guess = "wrong guess number " + i;
            TestBrowser browser = new TestBrowser(server.consoleUrl());
            Page login = browser.get("/login");
            int n = i;
            attempts.add(CompletableFuture.supplyAsync(() -> {
                await(go);
                sent[n] = System.nanoTime();
                Page answer = browser.post("/login", java.util.Map.of("_csrf", login.csrfToken(), "username", "lou",
                        "password", guess, "code", "123456"));
                answered[n] = System.nanoTime();
                return answer;
            }, pool));
        }
        go.countDown();
        for (var attempt : attempts) {
            assertThat(attempt.get().path()).isEqualTo("/login?error");
        }
        pool.shutdown();
        // The race is real only if guesses were in flight together: some guess was sent before the first answer.
        long firstAnswer = java.util.Arrays.stream(answered).min().orElseThrow();
        assertThat(java.util.Arrays.stream(sent).filter(t -> t < firstAnswer).count())
                .as("guesses sent before the first one was answered").isGreaterThanOrEqualTo(2);
        // Only one guess was checked; the rest met the in-flight guard or the lock it set.
        assertThat(failedLogins("lou")).isEqualTo(1);
        // Refused guesses cost an Argon2id run too, so the short lock may have passed by now; it was set.
        assertThat(lockedUntil("lou")).isAfter(before);
    }

    @Test
    void repeatedFailuresLockTheAccountEvenAgainstTheRightPassword(PosternTestServer server,
            ConsoleAccounts accounts, @Admin Person admin) {
        Person max = accounts.invite(admin, "INVESTIGATOR", "max");
        JdbcClient jdbc = server.bean(JdbcClient.class);
        // Four failures already, their short locks waited out.
        jdbc.sql("update account set failed_logins = 4, locked_until = null where username = 'max'").update();
        TestBrowser browser = new TestBrowser(server.consoleUrl());
        ConsoleAccounts.logIn(browser, "max", "not the password at all", max.freshCode());
        Instant locked = lockedUntil("max");
        assertThat(Duration.between(server.clock().instant(), locked)).isGreaterThan(Duration.ofMinutes(14));

        Page refused = ConsoleAccounts.logIn(browser, "max", max.password(), max.freshCode());
        assertThat(refused.path()).as("the right password during the lock").isEqualTo("/login?error");
        assertThat(server.bean(AuditLog.class).page(0, 100)).extracting(AuditEntry::action)
                .contains(AuditAction.LOGIN_FAILED, AuditAction.ACCOUNT_LOCKED);
    }

    private static int failedLogins(String username) {
        return POSTERN.server().bean(JdbcClient.class).sql("select failed_logins from account where username = ?")
                .param(username).query(Integer.class).single();
    }

    private static Instant lockedUntil(String username) {
        return POSTERN.server().bean(JdbcClient.class).sql("select locked_until from account where username = ?")
                .param(username).query(Timestamp.class).single().toInstant();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
