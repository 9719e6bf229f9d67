package org.postern.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.codec.binary.Base32;
import org.postern.accounts.Totp;

/**
 * Drives the console's account flows over real HTTP, as people would: the first admin from the setup token in
 * the log, investigators from invitation links, logins with codes computed from the enrolled TOTP secret.
 */
public final class ConsoleAccounts {

    private static final Pattern TOKEN = Pattern.compile("one-time setup token: (\\S+)");
    public static final String PASSWORD = "correct horse battery staple galaxy";

    private final PosternTestServer server;
    /** Admins made here, in order: one of them confirms an admin invitation the two-person rule holds back. */
    private final List<Person> admins = new CopyOnWriteArrayList<>();

    public ConsoleAccounts(PosternTestServer server) {
        this.server = server;
    }

    /** A person with an account: their browser, name, password and authenticator app. */
    public static final class Person {
        private final TestBrowser browser;
        private final String username;
        private final String password;
        private final byte[] totpSecret;
        private final TestClock clock;
        private long lastStep;

        Person(TestBrowser browser, String username, String password, byte[] totpSecret, TestClock clock,
                long lastStep) {
            this.browser = browser;
            this.clock = clock;
            this.username = username;
            this.password = password;
            this.totpSecret = totpSecret;
            this.lastStep = lastStep;
        }

        public TestBrowser browser() {
            return browser;
        }

        public String username() {
            return username;
        }

        public String password() {
            return password;
        }

        public byte[] totpSecret() {
            return totpSecret;
        }

        /**
         * A code for a time step this person has not used yet, within the server's one-step window. When every
         * step in the window is spent, the server's clock moves on to the next step, as a person would wait for
         * the app, without the wait.
         */
        public synchronized String freshCode() {
            long step = Math.max(lastStep + 1, currentStep(clock) - 1);
            if (step > currentStep(clock) + 1) {
                Instant windowOpens = Instant.ofEpochSecond((step - 1) * 30);
                clock.advance(Duration.between(clock.instant(), windowOpens).plusMillis(1));
            }
            lastStep = step;
            return Totp.codeAt(totpSecret, Instant.ofEpochSecond(step * 30));
        }

        /** A code the server has already accepted once: for replay tests. */
        public String spentCode() {
            return Totp.codeAt(totpSecret, Instant.ofEpochSecond(lastStep * 30));
        }
    }

    static long currentStep(Clock clock) {
        return clock.instant().getEpochSecond() / 30;
    }

    /** A code for the server's current time step, for tests that type a code by hand. */
    public String currentCode(byte[] secret) {
        return Totp.codeAt(secret, server.clock().instant());
    }

    /** The setup token the server logged most recently. */
    public static String setupTokenFromLog() {
        try {
            String log = Files.readString(Path.of("target/test-logs/postern-tests.log"));
            Matcher m = TOKEN.matcher(log);
            String last = null;
            while (m.find()) {
                last = m.group(1);
            }
            if (last == null) {
                throw new IllegalStateException("no setup token in the log");
            }
            return last;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Person setUpFirstAdmin(String username) {
        TestBrowser browser = new TestBrowser(server.consoleUrl());
        Page form = chooseName(browser, "/setup", setupTokenFromLog(), username);
        byte[] secret = secretOn(form);
        long step = currentStep(server.clock());
        Page done = browser.post("/setup", Map.of("_csrf", form.csrfToken(), "password", PASSWORD,
                "code", Totp.codeAt(secret, Instant.ofEpochSecond(step * 30))));
        requireEnrolled(done);
        Person first = new Person(browser, username, PASSWORD, secret, server.clock(), step);
        admins.add(first);
        return first;
    }

    /**
     * An admin (logged in) invites; the invitee enrols in a fresh browser. While two or more admins exist, an
     * admin invitation waits for a second admin: another admin made here confirms it and passes the link on.
     */
    public Person invite(Person admin, String role, String username) {
        Page accounts = admin.browser().get("/admin/accounts");
        Page invited = admin.browser().post("/admin/accounts/invite",
                Map.of("_csrf", accounts.csrfToken(), "role", role));
        if (invited.document().getElementById("link") == null && "ADMIN".equals(role)) {
            String answer = invited.text();
            Person confirmer = admins.stream().filter(p -> p != admin).findFirst().orElseThrow(
                    () -> new IllegalStateException("the admin invitation waits for a second admin: " + answer));
            invited = confirmProposal(confirmer, "proposal-invite_admin");
        }
        String link = invited.document().getElementById("link").text();
        String path = link.substring(link.indexOf("/invite/"));
        TestBrowser browser = new TestBrowser(server.consoleUrl());
        Page form = chooseName(browser, path, null, username);
        byte[] secret = secretOn(form);
        long step = currentStep(server.clock());
        Page done = browser.post(path, Map.of("_csrf", form.csrfToken(), "password", PASSWORD,
                "code", Totp.codeAt(secret, Instant.ofEpochSecond(step * 30))));
        requireEnrolled(done);
        Person person = new Person(browser, username, PASSWORD, secret, server.clock(), step);
        if ("ADMIN".equals(role)) {
            admins.add(person);
        }
        return person;
    }

    /**
     * {@code confirmer} confirms the pending proposal whose row carries {@code rowClass} on the accounts page
     * (logging in first if their session has ended); returns the page the confirmation answered with.
     */
    public static Page confirmProposal(Person confirmer, String rowClass) {
        Page accounts = confirmer.browser().get("/admin/accounts");
        if (!accounts.path().startsWith("/admin/accounts")) {
            logIn(confirmer);
            accounts = confirmer.browser().get("/admin/accounts");
        }
        var form = accounts.document().selectFirst("tr." + rowClass + " form[action$=/confirm]");
        if (form == null) {
            throw new IllegalStateException("no proposal " + rowClass + " to confirm: " + accounts.text());
        }
        return confirmer.browser().post(form.attr("action"), Map.of("_csrf", accounts.csrfToken()));
    }

    /**
     * The first step of setup ({@code path} "/setup", with the token) or of an invitation link (token null):
     * loads the form and chooses the user name; returns the page that shows the second factor, or the refusal.
     */
    public static Page chooseName(TestBrowser browser, String path, String setupToken, String username) {
        Page form = browser.get(path);
        Map<String, String> fields = new java.util.HashMap<>(Map.of("_csrf", form.csrfToken(), "step", "name",
                "username", username));
        if (setupToken != null) {
            fields.put("token", setupToken);
        }
        return browser.post(path, fields);
    }

    /** Logs in with a fresh code; returns the page after login. */
    public static Page logIn(Person person) {
        return logIn(person.browser(), person.username(), person.password(), person.freshCode());
    }

    public static Page logIn(TestBrowser browser, String username, String password, String code) {
        Page login = browser.get("/login");
        return browser.post("/login", Map.of("_csrf", login.csrfToken(), "username", username,
                "password", password, "code", code));
    }

    public static byte[] secretOn(Page enrolForm) {
        var element = enrolForm.document().getElementById("totp-secret");
        if (element == null) {
            throw new IllegalStateException("no TOTP secret on " + enrolForm.path() + ": " + enrolForm.text());
        }
        return new Base32().decode(element.text());
    }

    private static void requireEnrolled(Page done) {
        if (!done.path().startsWith("/login") || done.document().getElementById("enrol-error") != null) {
            throw new IllegalStateException("enrolment failed: " + done.text());
        }
    }

    public static List<String> pathsOf(List<Page> pages) {
        return pages.stream().map(Page::path).toList();
    }
}
