package org.postern.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpCookie;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postern.testing.CanaryContent;
import org.postern.testing.Page;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.TestBrowser;
import org.postern.testing.TusClient;

/**
 * The source side's refusals over real HTTP in Uyghur, Tibetan and Simplified Chinese hold no English sentence:
 * the daily quota (429), the disk reserve (507), a too-large upload (413), the Host guard (421) and the pages
 * Tomcat itself answers for a request it cannot parse (400). The pages a whole visit meets (unknown codename,
 * session ended) are walked in those languages by {@link SourceLanguagesInChromiumTest}.
 */
class SourceErrorsInLanguagesTest {

    private static final String ONION = "c".repeat(56) + ".onion";
    /** Latin words a page in these languages may hold: names (the product, Tor, onion) and size symbols. */
    private static final Set<String> NAMES = Set.of("Postern", "Tor", "Browser", "onion", "kB", "MB", "GB", "TB");
    private static final Pattern LATIN_WORD = Pattern.compile("\\p{IsLatin}{2,}");

    @RegisterExtension
    static final PosternServerExtension LIMITED = PosternServerExtension.withSettings(
            "--postern.uploads.submissions-per-source-per-day=2", "--postern.source.max-upload-bytes=2MB",
            "--postern.resumable.max-upload-bytes=2MB").recipientKey().onions(ONION, "d".repeat(56)
            + ".onion");

    @RegisterExtension
    static final PosternServerExtension FULL = PosternServerExtension.withSettings(
            "--postern.uploads.disk-reserve=1000000TB").recipientKey();

    @ParameterizedTest
    @ValueSource(strings = {"ug", "bo", "zh-Hans"})
    void refusalsSpeakTheSourcesLanguage(String lang) throws IOException {
        TestBrowser source = newSource(LIMITED.server().sourceUrl(), lang);
        assertThat(submit(source, "first", 1000).status()).isEqualTo(200);

        Page overQuota = submit(source, "second", 1000);
        assertThat(overQuota.status()).isEqualTo(429);
        assertSpeaks(lang, "over quota", overQuota.document().getElementById("problem").text());
        HttpResponse<String> tusQuota = new TusClient(source, TusClient.csrfOf(source.get("/lookup")))
                .create(1000, "more.bin");
        assertThat(tusQuota.statusCode()).isEqualTo(429);
        assertSpeaks(lang, "over quota, resumable", tusQuota.body());

        TestBrowser big = newSource(LIMITED.server().sourceUrl(), lang);
        Page tooLarge = submit(big, "large", 4L << 20);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertSpeaks(lang, "too large", tooLarge.document().getElementById("problem").text());
        HttpResponse<String> tusLarge = new TusClient(big, TusClient.csrfOf(big.get("/lookup")))
                .create(4L << 20, "large.bin");
        assertThat(tusLarge.statusCode()).isEqualTo(413);
        assertSpeaks(lang, "too large, resumable", tusLarge.body());

        TestBrowser full = newSource(FULL.server().sourceUrl(), lang);
        Page noRoom = submit(full, "no room", 1000);
        assertThat(noRoom.status()).isEqualTo(507);
        assertSpeaks(lang, "disk reserve", noRoom.document().getElementById("problem").text());

        int port = LIMITED.server().running().sourcePort();
        String cookie = sessionCookie(source);
        String wrongHost = raw(port, "GET / HTTP/1.1\r\nHost: attacker.example\r\n" + cookie);
        assertThat(wrongHost).startsWith("HTTP/1.1 421");
        assertSpeaks(lang, "host guard", pageText(wrongHost));

        String badUri = raw(port, "GET /%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n" + cookie);
        assertThat(badUri).startsWith("HTTP/1.1 400");
        assertSpeaks(lang, "Tomcat, bad URI", pageText(badUri));

        String badHeader = raw(port, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + cookie + "Bad Header: x\r\n");
        assertThat(badHeader).startsWith("HTTP/1.1 400");
        assertSpeaks(lang, "Tomcat, bad header", pageText(badHeader));
    }

    /** Fails on any Latin word but the names: all of these languages are written in other scripts. */
    private static void assertSpeaks(String lang, String what, String text) {
        assertThat(text).as("%s in %s", what, lang).isNotBlank();
        Matcher latin = LATIN_WORD.matcher(text);
        while (latin.find()) {
            assertThat(NAMES).as("%s in %s: %s", what, lang, text).contains(latin.group());
        }
    }

    private static TestBrowser newSource(String url, String lang) {
        TestBrowser browser = new TestBrowser(url);
        Page codename = browser.get("/generate?lang=" + lang);
        Page lookup = browser.post("/create", Map.of("_csrf", codename.csrfToken()));
        assertThat(lookup.path()).startsWith("/lookup");
        assertThat(lookup.document().selectFirst("html").attr("lang")).isEqualTo(lang);
        return browser;
    }

    private static Page submit(TestBrowser browser, String message, long fileSize) {
        return browser.submit(browser.get("/lookup"), message, List.of(new TestBrowser.FilePart("f.bin",
                () -> new CanaryContent(fileSize, "CANARY-" + UUID.randomUUID(), 1))));
    }

    private static String sessionCookie(TestBrowser browser) {
        HttpCookie cookie = browser.cookies().getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(IntakeWebApplication.SESSION_COOKIE)).findFirst().orElseThrow();
        return "Cookie: " + cookie.getName() + "=" + cookie.getValue() + "\r\n";
    }

    private static String pageText(String response) {
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertThat(body).contains("<html");
        return Jsoup.parse(body).text();
    }

    /** A raw request: no HTTP client sends a wrong Host or a malformed line on purpose. */
    private static String raw(int port, String head) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
