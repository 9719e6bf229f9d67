package org.postern.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.accounts.Account;
import org.postern.accounts.AccountRepository;
import org.postern.testing.Admin;
import org.postern.testing.ConsoleAccounts;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.Page;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.StoredSecurityKeys;
import org.postern.testing.TestBrowser;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a console login's answer and timing tell an attacker: nothing about which user names exist or what state
 * an account is in, and nothing about whether a password without its security key was right.
 */
@Tag("slow")
class ConsoleLoginTimingTest {

    private static final int ROUNDS = 25;
    private static final int WARM_UP = 3;
    // Argon2id at its default cost, as an attacker meets it; the global budget out of the way so that it does not
    // end the test.
    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings(
            "--postern.console.login-failures-per-minute=100000").shippedKdf();

    /**
     * Each path is timed as the second of two overlapping attempts, since "in flight" can only be timed that way:
     * the others overlap an attempt on an unknown name, so that every path shares the CPUs alike. The order of
     * the paths changes every round, so that no path always follows the same one.
     */
    @Test
    @Timeout(900)
    void everyFailurePathTakesTheSameTime(PosternTestServer server, ConsoleAccounts accounts,
            @Admin Person admin) throws Exception {
        Person wrongPassword = accounts.invite(admin, "INVESTIGATOR", "t-wrong-password");
        Person wrongCode = accounts.invite(admin, "INVESTIGATOR", "t-wrong-code");
        accounts.invite(admin, "INVESTIGATOR", "t-locked");
        accounts.invite(admin, "INVESTIGATOR", "t-in-flight");
        Map<String, Callable<Long>> paths = new LinkedHashMap<>();
        paths.put("unknown name", () -> overlapping("t-nobody-before", () -> timed("t-nobody-" + UUID.randomUUID(),
                "not the password at all", "123456")));
        paths.put("wrong password", () -> overlapping("t-nobody-before", () -> timed("t-wrong-password",
                "not the password at all", wrongPassword.freshCode())));
        paths.put("wrong code", () -> overlapping("t-nobody-before", () -> timed("t-wrong-code",
                wrongCode.password(), wrongOf(wrongCode.freshCode()))));
        paths.put("locked", () -> overlapping("t-nobody-before", () -> timed("t-locked", "not the password at all",
                "123456")));
        paths.put("in flight", () -> overlapping("t-in-flight", () -> timed("t-in-flight",
                "a second wrong password", "123456")));
        Map<String, List<Long>> millis = new LinkedHashMap<>();
        Map<String, List<Double>> relative = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(paths.keySet());
        for (int round = -WARM_UP; round < ROUNDS; round++) {
            reset("t-wrong-password", "t-wrong-code", "t-in-flight");
            server.bean(JdbcClient.class).sql("update account set locked_until = ? where username = 't-locked'")
                    .param(Timestamp.from(server.clock().instant().plusSeconds(3600))).update();
            Collections.shuffle(order, SHUFFLE);
            Map<String, Long> thisRound = new LinkedHashMap<>();
            for (String path : order) {
                thisRound.put(path, paths.get(path).call());
            }
            if (round >= 0) {
                // Each time against its own round's median, so that the host's load drifting over the minute the
                // test takes (other processes on a shared CI machine) cancels out instead of favouring one path.
                double roundMedian = median(new ArrayList<>(thisRound.values()));
                thisRound.forEach((path, took) -> {
                    millis.computeIfAbsent(path, p -> new ArrayList<>()).add(took);
                    relative.computeIfAbsent(path, p -> new ArrayList<>()).add(took / roundMedian);
                });
            }
        }
        Map<String, Long> medians = new LinkedHashMap<>();
        millis.forEach((path, list) -> medians.put(path, median(list)));
        Map<String, Double> relativeMedians = new LinkedHashMap<>();
        relative.forEach((path, list) -> relativeMedians.put(path, median(list)));
        double fastest = relativeMedians.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double slowest = relativeMedians.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        System.out.printf("Console login failure paths, median ms over %d rounds: %s; against each round's median:"
                + " %s; slowest/fastest %.2f%n", ROUNDS, medians, relativeMedians, slowest / fastest);
        assertThat(slowest / fastest).as("slowest against fastest median relative time, %s (ms %s)",
                relativeMedians, medians).isLessThanOrEqualTo(1.25);
        assertThat(account("t-wrong-password").failedLogins()).as("a wrong password still counts").isEqualTo(1);
    }

    private static final Random SHUFFLE = new Random(20261204);

    /** Times {@code measured} while another attempt on {@code companion} started a moment before is running. */
    private static long overlapping(String companion, Callable<Long> measured) throws Exception {
        CompletableFuture<Long> first = CompletableFuture.supplyAsync(
                () -> timed(companion, "the first wrong password", "123456"));
        Thread.sleep(60);
        long took = measured.call();
        first.get();
        return took;
    }

    @Test
    void aRightPasswordWithoutItsSecurityKeyCountsAsAFailureLikeAWrongOne(PosternTestServer server,
            ConsoleAccounts accounts, @Admin Person admin) {
        Person kim = accounts.invite(admin, "INVESTIGATOR", "t-key");
        StoredSecurityKeys.store(server.bean(JdbcClient.class), "t-key", "k");
        Page right = ConsoleAccounts.logIn(new TestBrowser(server.consoleUrl()), "t-key", kim.password(), "");
        assertThat(right.path()).isEqualTo("/login/key");
        Account afterRight = account("t-key");

        reset("t-key");
        Page wrong = ConsoleAccounts.logIn(new TestBrowser(server.consoleUrl()), "t-key", "not the password at all",
                "");
        assertThat(wrong.path()).isEqualTo("/login/key");
        Account afterWrong = account("t-key");

        assertThat(afterRight.failedLogins()).as("a right password without its key is a failure until the key")
                .isEqualTo(afterWrong.failedLogins()).isEqualTo(1);
        assertThat(afterRight.lockedUntil()).as("and locks as a wrong one does").isNotNull();
        assertThat(afterWrong.lockedUntil()).isNotNull();
    }

    private static long timed(String username, String password, String code) {
        TestBrowser browser = new TestBrowser(POSTERN.server().consoleUrl());
        Page form = browser.get("/login");
        long start = System.nanoTime();
        Page answer = browser.post("/login", Map.of("_csrf", form.csrfToken(), "username", username,
                "password", password, "code", code));
        long took = (System.nanoTime() - start) / 1_000_000;
        assertThat(answer.path()).isEqualTo("/login?error");
        return took;
    }

    private static String wrongOf(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 500_000) % 1_000_000);
    }

    private static void reset(String... usernames) {
        for (String u : usernames) {
            POSTERN.server().bean(JdbcClient.class).sql("update account set failed_logins = 0, locked_until = null "
                    + "where username = ?").param(u).update();
        }
    }

    private static Account account(String username) {
        return POSTERN.server().bean(AccountRepository.class).findByUsername(username).orElseThrow();
    }

    private static <T extends Comparable<T>> T median(List<T> values) {
        List<T> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

}
