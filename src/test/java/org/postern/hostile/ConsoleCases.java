package org.postern.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postern.hostile.HostileCase.Expect.accepted;
import static org.postern.hostile.HostileCase.Expect.refused;

import org.postern.crypto.HostileKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.postern.accounts.Totp;
import org.postern.hostile.HostileCase.Expect;
import org.postern.hostile.HostileCase.Secrecy;
import org.postern.hostile.HostileCase.Side;
import org.postern.intake.IntakeWebApplication;
import org.postern.organization.TestImages;
import org.postern.review.ReviewWebApplication;
import org.postern.testing.ConsoleAccounts;
import org.postern.testing.Page;
import org.postern.testing.TestBrowser;

/**
 * Hostile input on the console port: login, setup and enrolment fields, labels, replies, key upload, device
 * names and the other admin forms, path ids, CSRF, methods and sessions.
 */
final class ConsoleCases {

    private static final String CASE = HostileCase.CANARY_HEADER;

    private final List<HostileCase> cases = new ArrayList<>();

    static List<HostileCase> all() {
        ConsoleCases c = new ConsoleCases();
        c.login();
        c.enrolment();
        c.labels();
        c.replies();
        c.keys();
        c.devices();
        c.otherForms();
        c.paths();
        c.csrfAndSessions();
        c.logos();
        return c.cases;
    }

    private void add(String category, String name, BiFunction<Corpus, String, Req> request, Expect expect) {
        String canary = HostileCase.newCanary();
        cases.add(new HostileCase(category, name, Side.CONSOLE, canary, c -> request.apply(c, canary), expect));
    }

    private static List<Payloads.Payload> payloads() {
        return Payloads.injections("CANARY");
    }

    // ---- logo uploads: only PNG and JPEG, re-encoded, size- and pixel-limited ----

    private void logos() {
        String cat = "logo upload";
        add(cat, "a GIF", (c, k) -> logo(c, TestImages.gif(20, 20)).header(CASE, k), logoRefused("PNG or JPEG"));
        add(cat, "an SVG with script", (c, k) -> logo(c, ("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>" + k
                + "</script></svg>").getBytes(StandardCharsets.UTF_8)), logoRefused("PNG or JPEG"));
        add(cat, "HTML behind a PNG signature", (c, k) -> logo(c, concat(new byte[] {(byte) 0x89, 'P', 'N', 'G',
                '\r', '\n', 0x1a, '\n'}, ("<html><script>" + k + "</script>").getBytes(StandardCharsets.UTF_8))),
                logoRefused("could not be read"));
        add(cat, "a decompression bomb: 100,000 × 100,000 pixels claimed", (c, k) ->
                logo(c, TestImages.pngClaiming(100_000, 100_000)).header(CASE, k), logoRefused("too large"));
        add(cat, "a strip 1 × 20,000 pixels", (c, k) -> logo(c, TestImages.pngClaiming(1, 20_000)).header(CASE, k),
                logoRefused("too large"));
        add(cat, "a file over 1 MB", (c, k) -> logo(c, concat(TestImages.png(10, 10),
                new byte[1024 * 1024])).header(CASE, k), logoRefused("larger than 1 MB"));
        add(cat, "a truncated PNG", (c, k) -> {
            byte[] png = TestImages.png(64, 64);
            return logo(c, java.util.Arrays.copyOf(png, png.length / 2)).header(CASE, k);
        }, logoRefused("could not be read"));
        add(cat, "an empty file", (c, k) -> logo(c, new byte[0]).header(CASE, k), logoRefused("Choose a PNG or JPEG"));
        add(cat, "no file part", (c, k) -> Req.post("/admin/organization/logo?_csrf=" + Req.enc(c.consoleCsrf))
                .cookie(c.consoleCookie).multipart(Multipart.create().field("other", k).end()),
                logoRefused("Choose a PNG or JPEG"));
        add(cat, "without a CSRF token", (c, k) -> Req.post("/admin/organization/logo").cookie(c.consoleCookie)
                .multipart(logoPart(TestImages.png(10, 10))).header(CASE, k), refused(403));
        add(cat, "by an investigator", (c, k) -> Req.post("/admin/organization/logo?_csrf=" + Req.enc(c.consoleCsrf))
                .cookie(c.investigatorCookie).multipart(logoPart(TestImages.png(10, 10))).header(CASE, k), refused(403));
        add(cat, "a PNG with the canary appended", (c, k) -> logo(c, concat(TestImages.png(30, 30),
                k.getBytes(StandardCharsets.UTF_8))), logoKept());
        add(cat, "a JPEG whose comment holds the canary", (c, k) -> logo(c, TestImages.jpegWithComment(k)),
                logoKept());
    }

    private static Multipart logoPart(byte[] content) {
        return Multipart.create().raw("--HostileBoundary7MA4YWxkTrZu0gW\r\nContent-Disposition: form-data; "
                + "name=\"logo\"; filename=\"logo.png\"\r\nContent-Type: image/png\r\n\r\n").raw(content)
                .raw("\r\n").end();
    }

    private static Req logo(Corpus c, byte[] content) {
        return Req.post("/admin/organization/logo?_csrf=" + Req.enc(c.consoleCsrf)).cookie(c.consoleCookie)
                .multipart(logoPart(content));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static Expect logoRefused(String reason) {
        return refused(400).then((c, r) -> assertThat(Jsoup.parse(r.body()).text()).contains(reason));
    }

    /** Taken, and redrawn: what sources are served is a PNG with nothing of the uploaded file's extra bytes. */
    private static Expect logoKept() {
        return accepted(302).tolerating("console_setting").audited("SETTINGS_CHANGED").then((c, r) -> {
            RawHttp.Response served = c.send(Side.SOURCE, Req.get("/logo"));
            assertThat(served.status()).isEqualTo(200);
            assertThat(served.header("Content-Type")).startsWith("image/png");
            assertThat(served.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(served.body()).doesNotContain("QZX");
        });
    }

    /** A POST from the logged-in admin, with the session's CSRF token. */
    private static Req admin(Corpus c, String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", c.consoleCsrf);
        return Req.post(path).cookie(c.consoleCookie).form(all);
    }

    /** Refused on the page the form was on: a 4xx, and whatever it shows of the input is inert text. */
    private static Expect refusedInert(int status) {
        return refused(status).secrecy(Secrecy.NOT_LOGGED).then((c, r) -> Corpus.assertInert(Jsoup.parse(r.body())));
    }

    // ---- login ----

    private void login() {
        String cat = "console login";
        for (Payloads.Payload p : payloads()) {
            add(cat, "user name: " + p.name(), (c, k) -> login(c, p.text().replace("CANARY", k), "wrong password",
                    "123456"), loginRefused());
        }
        add(cat, "password: script tag", (c, k) -> login(c, "ada", "<script>" + k + "</script>", "123456"),
                loginRefused().updating("account").audited("LOGIN_FAILED")); // ada's failed-login count

        add(cat, "code: markup", (c, k) -> login(c, "ada-nobody", "x", "<b>" + k + "</b>"), loginRefused());
        add(cat, "code of 10,000 digits", (c, k) -> login(c, "ada-nobody", k, "1".repeat(10_000)), loginRefused());
        add(cat, "user name of 100 KB", (c, k) -> login(c, k + "u".repeat(100_000), "x", "123456"), loginRefused());
        add(cat, "password of 1 MB", (c, k) -> login(c, "ada-nobody", k + "p".repeat(1 << 20), "123456"),
                loginRefused());
        add(cat, "control and bidi characters", (c, k) -> login(c, "\u202E" + k + "\u0000\u0007", "x", "000000"),
                loginRefused());
        add(cat, "missing fields", (c, k) -> {
            Anonymous a = Anonymous.on(c, "/login");
            return Req.post("/login").cookie(a.cookie).form(Map.of("_csrf", a.csrf, "x", k));
        }, sentToSecurityKeyStep());
    }

    /**
     * No code means "password, then security key": every such post goes on to the key step, right password or
     * not, so the answer tells nothing (SecurityKeysHttpTest covers that step itself).
     */
    private static Expect sentToSecurityKeyStep() {
        return new Expect(302, 302, Map.of(), 0, java.util.Set.of(), java.util.Set.of(), List.of(), Secrecy.SECRET,
                (c, r) -> assertThat(r.header("Location")).endsWith("/login/key"));
    }

    /** A fresh visitor's session and CSRF token for a console form page. */
    private record Anonymous(String cookie, String csrf, Page page) {
        static Anonymous on(Corpus c, String path) {
            TestBrowser b = new TestBrowser(c.server.consoleUrl());
            Page page = b.get(path);
            String cookie = b.cookies().getCookieStore().getCookies().stream()
                    .filter(k -> k.getName().equals(ReviewWebApplication.SESSION_COOKIE))
                    .map(k -> k.getName() + "=" + k.getValue()).findFirst().orElseThrow();
            return new Anonymous(cookie, page.csrfToken(), page);
        }
    }

    private static Req login(Corpus c, String username, String password, String code) {
        Anonymous a = Anonymous.on(c, "/login");
        return Req.post("/login").cookie(a.cookie).form(Map.of("_csrf", a.csrf, "username", username,
                "password", password, "code", code));
    }

    /**
     * Spring's form login answers a failure with a redirect to the login page, which then shows one generic
     * error. The audit log may record the failure, by design without the user name typed.
     */
    private static Expect loginRefused() {
        return new Expect(302, 302, Map.of(), 0, java.util.Set.of(), java.util.Set.of(), List.of(), Secrecy.SECRET, (c, r) -> {
            assertThat(r.header("Location")).endsWith("/login?error");
            RawHttp.Response page = c.send(Side.CONSOLE, Req.get("/login?error"));
            assertThat(page.status()).isEqualTo(200);
            Corpus.assertFriendly(Side.CONSOLE, page);
            assertThat(page.body()).doesNotContain("QZX");
        });
    }

    // ---- setup and enrolment ----

    private void enrolment() {
        String cat = "setup and enrolment";
        for (Payloads.Payload p : payloads()) {
            add(cat, "invitation user name: " + p.name(), (c, k) -> enrol(c, p.text().replace("CANARY", k),
                    ConsoleAccounts.PASSWORD), refusedInert(400));
        }
        add(cat, "invitation user name of 100 KB", (c, k) -> enrol(c, k + "a".repeat(100_000),
                ConsoleAccounts.PASSWORD), refusedInert(400));
        add(cat, "invitation password of 1 MB", (c, k) -> enrol(c, "newperson", k + "p".repeat(1 << 20)),
                refusedInert(400));
        // Any text of 12 or more characters that is not a common password is a password; it is stored only as
        // an Argon2id hash, so the canary in it must be nowhere on disk.
        add(cat, "invitation password: markup, accepted", (c, k) -> enrol(c, "newperson",
                "<script>" + k + "</script>"), new Expect(302, 302, Map.of("account", 1L), 0,
                java.util.Set.of("invitation"), java.util.Set.of(), List.of("ACCOUNT_CREATED", "INVITATION_USED"), Secrecy.SECRET, (c, r) ->
                assertThat(r.header("Location")).endsWith("/login?enrolled")));
        add(cat, "invitation with a forged token", (c, k) -> {
            Anonymous a = Anonymous.on(c, "/login");
            return Req.post("/invite/forged-token").cookie(a.cookie).form(Map.of("_csrf", a.csrf, "username", k));
        }, redirectThenRefused("/invite/", 404));
        for (String field : List.of("token", "username", "password", "code")) {
            add(cat, "setup after setup, " + field + " with markup", (c, k) -> {
                Anonymous a = Anonymous.on(c, "/login");
                Map<String, String> form = new LinkedHashMap<>(Map.of("_csrf", a.csrf, "token", "t",
                        "username", "u", "password", "p", "code", "1"));
                form.put(field, "<script>" + k + "</script>${7*1931}");
                return Req.post("/setup").cookie(a.cookie).form(form);
            }, redirectThenRefused("/setup", 404));
        }
    }

    /**
     * An enrolment form posted without first loading it (so with no second-factor secret in the session) is sent
     * back to the form; for a closed setup or a forged link, that page is a 404.
     */
    private static Expect redirectThenRefused(String location, int status) {
        return new Expect(302, 302, Map.of(), 0, java.util.Set.of(), java.util.Set.of(), List.of(), Secrecy.SECRET, (c, r) -> {
            assertThat(r.header("Location")).contains(location);
            RawHttp.Response page = c.send(Side.CONSOLE, Req.get(r.header("Location")
                    .replaceFirst("^https?://[^/]+", "")));
            assertThat(page.status()).isEqualTo(status);
            Corpus.assertFriendly(Side.CONSOLE, page);
            Corpus.assertInert(Jsoup.parse(page.body()));
        });
    }

    /**
     * Fills the real invitation form, with a valid code, so that only the chosen field is wrong: a user name is
     * refused at the first step, a password at the second.
     */
    private static Req enrol(Corpus c, String username, String password) {
        Anonymous a = Anonymous.on(c, c.invitePath);
        Req name = Req.post(c.invitePath).cookie(a.cookie).form(Map.of("_csrf", a.csrf, "step", "name",
                "username", username));
        if (!username.equals("newperson")) {
            return name;
        }
        RawHttp.Response second = c.send(Side.CONSOLE, name);
        byte[] secret = new org.apache.commons.codec.binary.Base32().decode(
                Jsoup.parse(second.body()).getElementById("totp-secret").text());
        return Req.post(c.invitePath).cookie(a.cookie).form(Map.of("_csrf", a.csrf,
                "password", password, "code", Totp.codeAt(secret, c.server.clock().instant())));
    }

    // ---- labels ----

    private void labels() {
        String cat = "labels";
        Map<String, String> shortOnes = new LinkedHashMap<>();
        shortOnes.put("script tag", "<script>K</script>");
        shortOnes.put("attribute breakout", "\"><img src=x onerror=K>");
        shortOnes.put("Thymeleaf inline", "[[${7*1931}]]K");
        shortOnes.put("SpEL preprocessing", "__${7*1931}__::K");
        shortOnes.put("other templates", "{{7*1931}}#{7*1931}K");
        shortOnes.put("SQL", "' OR 1=1 --K");
        shortOnes.put("javascript URL", "javascript:K");
        shortOnes.put("bold", "<b>K</b>");
        for (var e : shortOnes.entrySet()) {
            add(cat, "accepted as text: " + e.getKey(), (c, k) -> admin(c, "/sources/" + c.targetSourceId + "/labels",
                    Map.of("label", e.getValue().replace("K", k))), accepted(302)
                    .tolerating("source_seen", "submission_seen")
                    .secrecy(Secrecy.NOT_LOGGED).then((c, r) -> {
                        Document page = c.consolePage("/sources/" + c.targetSourceId);
                        assertThat(page.text()).contains(e.getValue().substring(0, 3));
                        Corpus.assertInert(page, e.getValue());
                        Corpus.assertInert(c.consolePage("/"), e.getValue());
                        removeLabel(c, page);
                    }));
        }
        add(cat, "41 characters", (c, k) -> admin(c, "/sources/" + c.targetSourceId + "/labels",
                Map.of("label", k + "x".repeat(26))), refusedInert(400));
        add(cat, "100 KB", (c, k) -> admin(c, "/sources/" + c.targetSourceId + "/labels",
                Map.of("label", k + "x".repeat(100_000))), refusedInert(400));
        add(cat, "control character", (c, k) -> admin(c, "/sources/" + c.targetSourceId + "/labels",
                Map.of("label", k + "\u0007")), refusedInert(400));
        add(cat, "RTL override", (c, k) -> admin(c, "/sources/" + c.targetSourceId + "/labels",
                Map.of("label", "\u202E" + k)), refusedInert(400));
        add(cat, "blank", (c, k) -> admin(c, "/sources/" + c.targetSourceId + "/labels",
                Map.of("label", "   ", "x", k)), refusedInert(400));
        add(cat, "status with markup", (c, k) -> admin(c, "/sources/" + c.targetSourceId + "/status",
                Map.of("status", "<script>" + k + "</script>")), refusedInert(400));
        add(cat, "assignee with markup", (c, k) -> admin(c, "/sources/" + c.targetSourceId + "/assignee",
                Map.of("assignee", "<script>" + k + "</script>")), refusedInert(400));
    }

    /** Removes every label the corpus added, through the form, so that the next case starts from none. */
    private static void removeLabel(Corpus c, Document page) {
        for (var form : page.select("form[action$=/labels/remove]")) {
            String label = form.selectFirst("input[name=label]").attr("value");
            RawHttp.Response r = c.send(Side.CONSOLE, admin(c, "/sources/" + c.targetSourceId + "/labels/remove",
                    Map.of("label", label)));
            assertThat(r.status()).isEqualTo(302);
        }
        assertThat(c.count("select count(*) from source_label")).isZero();
    }

    // ---- replies ----

    private void replies() {
        String cat = "replies";
        for (Payloads.Payload p : payloads()) {
            add(cat, p.name(), (c, k) -> admin(c, "/sources/" + c.targetSourceId + "/reply",
                    Map.of("text", p.text().replace("CANARY", k))), accepted(302).rows("reply", 1).rows("reply_key", 1).blobs(1)
                    .tolerating("source_seen", "submission_seen").updating("source").audited("REPLY_SENT").then((c, r) -> {
                        // The source decrypts the reply with the key its codename re-derives, and sees text.
                        Document lookup = c.sourcePage("/lookup");
                        String shown = lookup.select("article.reply pre").last().wholeText();
                        assertThat(shown).startsWith(p.text().substring(0, p.text().indexOf("CANARY")))
                                .contains("QZX");
                        Corpus.assertInert(lookup, p.text());
                    }));
        }
        add(cat, "empty", (c, k) -> admin(c, "/sources/" + c.targetSourceId + "/reply", Map.of("text", "", "x", k)),
                refusedInert(400));
        add(cat, "whitespace only", (c, k) -> admin(c, "/sources/" + c.targetSourceId + "/reply",
                Map.of("text", " \n\t ", "x", k)), refusedInert(400));
        add(cat, "over 100 KB", (c, k) -> admin(c, "/sources/" + c.targetSourceId + "/reply",
                Map.of("text", k + "r".repeat(100 * 1024))), refusedInert(400));
        add(cat, "to a source that does not exist", (c, k) -> admin(c, "/sources/" + "0".repeat(32) + "/reply",
                Map.of("text", k)), refused(404));
    }

    // ---- key upload ----

    private void keys() {
        String cat = "key upload";
        for (Payloads.Payload p : payloads()) {
            add(cat, p.name(), (c, k) -> admin(c, "/keys", Map.of("armored", p.text().replace("CANARY", k))),
                    refusedInert(400));
        }
        String begin = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n";
        String end = "\n-----END PGP PUBLIC KEY BLOCK-----\n";
        add(cat, "armor around garbage", (c, k) -> admin(c, "/keys", Map.of("armored", begin + k + "AAAA" + end)),
                refusedInert(400));
        add(cat, "armor around 1.5 MB", (c, k) -> admin(c, "/keys", Map.of("armored", begin + k
                + "QUFB".repeat(400_000) + end)), refusedInert(400));
        add(cat, "a private key block", (c, k) -> admin(c, "/keys", Map.of("armored",
                "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n" + k + "\n-----END PGP PRIVATE KEY BLOCK-----\n")),
                refusedInert(400));
        add(cat, "truncated real key", (c, k) -> {
            String key = c.gpg.exportArmored(c.gpg.generateCurve25519("Trunc <t@example.org>"));
            return admin(c, "/keys", Map.of("armored", key.substring(0, key.length() / 2) + k));
        }, refusedInert(400));
        add(cat, "binary bytes", (c, k) -> Req.post("/keys").cookie(c.consoleCookie)
                .body("application/x-www-form-urlencoded", ("_csrf=" + Req.enc(c.consoleCsrf) + "&armored=" + k
                        + "%00%FF%FE%99%01").getBytes(StandardCharsets.US_ASCII)), refusedInert(400));
        add(cat, "empty", (c, k) -> admin(c, "/keys", Map.of("armored", "", "x", k)), refusedInert(400));
        add(cat, "RSA key with public exponent 3", (c, k) -> admin(c, "/keys", Map.of("armored",
                HostileKeys.rsaExponent3(), "x", k)), refusedInert(400));
        add(cat, "cv25519 subkey of small order", (c, k) -> admin(c, "/keys", Map.of("armored",
                HostileKeys.x25519SmallOrder(false), "x", k)), refusedInert(400));
        add(cat, "expired key with a forged renewal", (c, k) -> admin(c, "/keys", Map.of("armored",
                HostileKeys.expiredWithForgedRenewal(), "x", k)), refusedInert(400));
    }

    // ---- devices ----

    private void devices() {
        String cat = "device names";
        for (Payloads.Payload p : payloads()) {
            add(cat, p.name(), (c, k) -> admin(c, "/admin/devices/add", Map.of("name", p.text().replace("CANARY", k))),
                    refusedInert(400));
        }
        add(cat, "path traversal", (c, k) -> admin(c, "/admin/devices/add", Map.of("name", "../../" + k)),
                refusedInert(400));
        add(cat, "100 KB", (c, k) -> admin(c, "/admin/devices/add", Map.of("name", k + "d".repeat(100_000))),
                refusedInert(400));
        add(cat, "NUL", (c, k) -> admin(c, "/admin/devices/add", Map.of("name", "dev\u0000" + k)),
                refusedInert(400));
        add(cat, "revoke with markup", (c, k) -> admin(c, "/admin/devices/revoke", Map.of("name",
                "<script>" + k + "</script>")), refusedInert(404));
    }

    // ---- account, notification, retention and filter fields ----

    private void otherForms() {
        String cat = "other console forms";
        add(cat, "password change: wrong current with markup", (c, k) -> admin(c, "/account/password",
                Map.of("current", "<script>" + k + "</script>", "replacement", "<b>" + k + "</b>" + "x".repeat(20))),
                refusedInert(400).updating("account").audited("LOGIN_FAILED")); // ada's failed-login count
        add(cat, "notification address with markup", (c, k) -> admin(c, "/account/notifications",
                Map.of("address", "\"><script>" + k + "</script>@example.org")), refusedInert(400));
        add(cat, "notification address with CR LF", (c, k) -> admin(c, "/account/notifications",
                Map.of("address", "a@example.org\r\nBcc: " + k + "@example.org")), refusedInert(400));
        add(cat, "retention days with markup", (c, k) -> admin(c, "/admin/retention",
                Map.of("days", "<script>" + k + "</script>")), refusedInert(400));
        add(cat, "retention days of 30 digits", (c, k) -> admin(c, "/admin/retention",
                Map.of("days", "9".repeat(30), "x", k)), refusedInert(400));
        add(cat, "retention days negative", (c, k) -> admin(c, "/admin/retention", Map.of("days", "-1", "x", k)),
                refusedInert(400));
        add(cat, "invite with an unknown role", (c, k) -> admin(c, "/admin/accounts/invite",
                Map.of("role", "<script>" + k + "</script>")), refusedInert(400));
        for (String filter : List.of("status", "label", "assignee", "unread", "starred", "page")) {
            add(cat, "inbox filter " + filter + " with markup", (c, k) -> Req.get("/?" + filter + "="
                    + Req.enc("\"><script>" + k + "</script>${7*1931}")).cookie(c.consoleCookie), filterAnswer());
        }
        add(cat, "audit page number with markup", (c, k) -> Req.get("/admin/audit?page="
                + Req.enc("<script>" + k + "</script>")).cookie(c.consoleCookie), filterAnswer());
        add(cat, "audit page number of 30 digits", (c, k) -> Req.get("/admin/audit?page=" + "9".repeat(30) + "&x="
                + k).cookie(c.consoleCookie), filterAnswer());
    }

    /**
     * A filter or page number that makes no sense is either refused with a 400 or ignored; either way the page
     * is Postern's and shows the input only as text.
     */
    private static Expect filterAnswer() {
        return new Expect(200, 400, Map.of(), 0, java.util.Set.of(), java.util.Set.of(), List.of(), Secrecy.SECRET, (c, r) -> {
            assertThat(r.status()).isIn(200, 400);
            Corpus.assertInert(Jsoup.parse(r.body()), "<script>");
        });
    }

    // ---- ids in paths ----

    private void paths() {
        String cat = "console path ids";
        add(cat, "source id with markup", (c, k) -> Req.get("/sources/" + Req.enc("<script>" + k + "</script>"))
                .cookie(c.consoleCookie), refused());
        add(cat, "source id of 100 characters", (c, k) -> Req.get("/sources/" + k + "a".repeat(85))
                .cookie(c.consoleCookie), refused(404));
        add(cat, "submission -1", (c, k) -> Req.get("/sources/" + c.targetSourceId + "/submissions/-1/download?x="
                + k).cookie(c.consoleCookie), refused(404));
        add(cat, "submission of 30 digits", (c, k) -> Req.get("/sources/" + c.targetSourceId + "/submissions/"
                + "9".repeat(30) + "/download?x=" + k).cookie(c.consoleCookie), refused(404));
        add(cat, "reply 0", (c, k) -> Req.get("/sources/" + c.targetSourceId + "/replies/0/download?x=" + k)
                .cookie(c.consoleCookie), refused(404));
        add(cat, "archive of a source that does not exist", (c, k) -> Req.get("/sources/" + "f".repeat(32)
                + "/archive?x=" + k).cookie(c.consoleCookie), refused(404));
        add(cat, "disable an account id with markup", (c, k) -> admin(c, "/admin/accounts/" + Req.enc("<b>" + k)
                + "/disable", Map.of()), refusedInert(400));
        add(cat, "enable an account id with markup", (c, k) -> admin(c, "/admin/accounts/" + Req.enc("<b>" + k)
                + "/enable", Map.of()), refusedInert(400));
        add(cat, "confirm a proposal id with markup", (c, k) -> admin(c, "/admin/accounts/proposals/"
                + Req.enc("<b>" + k) + "/confirm", Map.of()), refusedInert(400));
        add(cat, "withdraw a proposal that does not exist", (c, k) -> admin(c, "/admin/accounts/proposals/"
                + "0".repeat(32) + "/cancel", Map.of("x", k)), refusedInert(400));
        add(cat, "approve a fingerprint with markup", (c, k) -> admin(c, "/admin/keys/" + Req.enc("<b>" + k)
                + "/approve", Map.of("checked", "yes")), refusedInert(404));
        add(cat, "remove own key by a bad fingerprint", (c, k) -> admin(c, "/keys/" + k + "/remove", Map.of()),
                refused(404));
        add(cat, "invitation token with markup", (c, k) -> Req.get("/invite/" + Req.enc("<script>" + k)),
                refused(404));
        add(cat, "re-enrolment token of 10 KB", (c, k) -> Req.get("/reenrol/" + k + "t".repeat(10_000)),
                refused());
        add(cat, "delete submission with markup number", (c, k) -> admin(c, "/sources/" + c.targetSourceId
                + "/submissions/" + Req.enc("<b>" + k) + "/delete", Map.of("confirm", "yes")), refused(404));
    }

    // ---- CSRF, methods, content types, sessions ----

    private void csrfAndSessions() {
        String cat = "console CSRF and session";
        String reply = "/sources/%s/reply";
        add(cat, "reply without a CSRF token", (c, k) -> Req.post(reply.formatted(c.targetSourceId))
                .cookie(c.consoleCookie).form(Map.of("text", k)), refused(403));
        add(cat, "reply with another session's token", (c, k) -> Req.post(reply.formatted(c.targetSourceId))
                .cookie(c.consoleCookie).form(Map.of("text", k, "_csrf", c.staleConsoleCsrf)), refused(403));
        add(cat, "reply with a tampered token", (c, k) -> Req.post(reply.formatted(c.targetSourceId))
                .cookie(c.consoleCookie).form(Map.of("text", k, "_csrf", k + "AAAA")), refused(403));
        add(cat, "key upload as multipart", (c, k) -> Req.post("/keys").cookie(c.consoleCookie)
                .multipart(Multipart.create().field("_csrf", c.consoleCsrf).field("armored", k).end()), refused(403));
        add(cat, "key upload as JSON", (c, k) -> Req.post("/keys").cookie(c.consoleCookie).body("application/json",
                ("{\"_csrf\":\"" + c.consoleCsrf + "\",\"armored\":\"" + k + "\"}").getBytes(StandardCharsets.UTF_8)),
                refused(403));
        add(cat, "key upload as text/plain with the token in the URL", (c, k) -> Req.post("/keys?_csrf="
                + Req.enc(c.consoleCsrf)).cookie(c.consoleCookie).body("text/plain",
                ("armored=" + k).getBytes(StandardCharsets.UTF_8)), refusedInert(400));
        add(cat, "GET on a POST-only path", (c, k) -> Req.get(reply.formatted(c.targetSourceId) + "?text=" + k)
                .cookie(c.consoleCookie), refused(405));
        add(cat, "PUT on the key upload", (c, k) -> Req.method("PUT", "/keys").cookie(c.consoleCookie)
                .form(Map.of("_csrf", c.consoleCsrf, "armored", k)), refused());
        add(cat, "DELETE on a source", (c, k) -> Req.method("DELETE", "/sources/" + c.targetSourceId + "?x=" + k)
                .cookie(c.consoleCookie).form(Map.of("_csrf", c.consoleCsrf)), refused());
        add(cat, "login without a CSRF token", (c, k) -> Req.post("/login").form(Map.of("username", k,
                "password", "x", "code", "1")), refused(403));
        add(cat, "login with another session's token", (c, k) -> Req.post("/login").form(Map.of("_csrf",
                c.staleConsoleCsrf, "username", k, "password", "x", "code", "1")), refused(403));
        add(cat, "forged session on the inbox", (c, k) -> Req.get("/").cookie("postern_console=" + k),
                SourceCases.redirectToLogin());
        add(cat, "forged session on an admin page", (c, k) -> Req.get("/admin/accounts")
                .cookie("postern_console=" + k), SourceCases.redirectToLogin());
        add(cat, "forged session posting a reply", (c, k) -> Req.post(reply.formatted(c.targetSourceId))
                .cookie("postern_console=" + k).form(Map.of("text", k, "_csrf", c.consoleCsrf)), refused(403));
        add(cat, "logged-out session on the inbox", (c, k) -> Req.get("/?x=" + k).cookie(c.loggedOutConsoleCookie),
                SourceCases.redirectToLogin());
        add(cat, "logged-out session adding a device", (c, k) -> Req.post("/admin/devices/add")
                .cookie(c.loggedOutConsoleCookie).form(Map.of("name", "dev" + k.toLowerCase(java.util.Locale.ROOT),
                        "_csrf", c.consoleCsrf)), refused(403));
        add(cat, "the source's cookie on the console", (c, k) -> Req.get("/?x=" + k)
                .cookie(c.sourceCookie.replace(IntakeWebApplication.SESSION_COOKIE,
                        ReviewWebApplication.SESSION_COOKIE)), SourceCases.redirectToLogin());
        add(cat, "an investigator on an admin page", (c, k) -> Req.get("/admin/accounts?x=" + k)
                .cookie(c.investigatorCookie), refused(403));
    }
}
