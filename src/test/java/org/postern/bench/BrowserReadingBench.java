package org.postern.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.postern.accounts.AccountRepository;
import org.postern.recipients.KeyVetting;
import org.postern.testing.Chromium;
import org.postern.testing.ConsoleAccounts;
import org.postern.testing.ConsoleAccounts.Person;
import org.postern.testing.GnuPG;
import org.postern.testing.PosternTestServer;
import org.postern.testing.SourceVisit;
import org.postern.testing.TestBrowser;

/**
 * Decrypt-and-show time of a file in the console's in-browser reading, and the browser's memory: a headless
 * Chromium loads a gpg-made cv25519 key and decrypts one file per size given (MiB). Time is what the page
 * measures from the fetch to the plaintext ready for saving; memory is the sum of the resident sizes of all
 * Chromium processes, sampled every 50 ms, before and at the peak. Usage, after test-compile:
 * {@code java -cp target/test-classes:target/classes:$(cat target/bench-classpath.txt)
 * org.postern.bench.BrowserReadingBench 20 200}
 */
public final class BrowserReadingBench {

    private static final String PASS = "bench key passphrase";

    private BrowserReadingBench() {
    }

    public static void main(String[] args) throws Exception {
        try (GnuPG gpg = GnuPG.create(); PosternTestServer server = PosternTestServer.inFreshDataDir(
                "--postern.console.browser-decryption-max-size=1GB").start()) {
            String fpr = gpg.generateProtected("Bench <bench@example.org>", "ed25519", PASS);
            ConsoleAccounts accounts = new ConsoleAccounts(server);
            Person ada = accounts.setUpFirstAdmin("ada");
            ConsoleAccounts.logIn(ada);
            Person ivy = accounts.invite(ada, "INVESTIGATOR", "ivy");
            AccountRepository repository = server.bean(AccountRepository.class);
            KeyVetting vetting = server.bean(KeyVetting.class);
            vetting.upload(repository.findByUsername("ivy").orElseThrow().id(), gpg.exportArmored(fpr));
            vetting.approve(fpr, repository.findByUsername("ada").orElseThrow().id());
            System.out.println("| file | decrypt and show | Chromium RSS before | peak | growth |");
            System.out.println("|---|---|---|---|---|");
            for (String arg : args) {
                long bytes = Long.parseLong(arg) * 1024 * 1024;
                SourceVisit source = SourceVisit.newSource(server).submit("",
                        List.of(new TestBrowser.FilePart("bench.bin", () -> zeros(bytes))));
                measure(server, ivy, gpg.exportSecretArmored(fpr, PASS), source.source().id(), bytes);
            }
        }
        System.exit(0);
    }

    private static void measure(PosternTestServer server, Person ivy, String secret, String sourceId, long bytes)
            throws Exception {
        try (Chromium chromium = Chromium.start(true)) {
            WebDriver web = chromium.driver();
            web.get(server.consoleUrl() + "/login");
            Chromium.await(web, By.id("username")).sendKeys(ivy.username());
            web.findElement(By.id("password")).sendKeys(ivy.password());
            web.findElement(By.id("code")).sendKeys(ivy.freshCode());
            web.findElement(By.cssSelector("form button.primary")).click();
            try {
                Chromium.await(web, By.id("logout"));
            } catch (RuntimeException e) {
                throw new IllegalStateException("login failed: " + web.findElement(By.tagName("body")).getText(), e);
            }
            web.get(server.consoleUrl() + "/account");
            if (Chromium.await(web, By.id("browser-reading-state")).getText().startsWith("Off")) {
                Chromium.clickToNewPage(web, web.findElement(By.id("toggle-browser-reading")));
            }
            web.get(server.consoleUrl() + "/sources/" + sourceId);
            WebElement area = Chromium.await(web, By.id("bk-armored"));
            ((JavascriptExecutor) web).executeScript("arguments[0].value = arguments[1];", area, secret);
            web.findElement(By.id("bk-passphrase")).sendKeys(PASS);
            web.findElement(By.id("bk-load-button")).click();
            new WebDriverWait(web, Duration.ofMinutes(1))
                    .until(d -> d.findElement(By.id("bk-status")).getText().contains("loaded"));
            long before = chromiumRss();
            AtomicLong peak = new AtomicLong(before);
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(chromiumRss(), Math::max);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.start();
            web.findElement(By.cssSelector("tr.submission .bk-decrypt")).click();
            WebElement row = new WebDriverWait(web, Duration.ofMinutes(10)).until(d -> {
                if (!d.findElements(By.cssSelector("tr.bk-output .error")).isEmpty()) {
                    throw new IllegalStateException(d.findElement(By.cssSelector("tr.bk-output .error")).getText());
                }
                return d.findElements(By.cssSelector("a.bk-file")).isEmpty() ? null
                        : d.findElement(By.cssSelector("tr.submission"));
            });
            sampler.interrupt();
            sampler.join();
            System.out.printf("| %d MiB | %.1f s | %d MiB | %d MiB | +%d MiB |%n", bytes >> 20,
                    Long.parseLong(row.getDomAttribute("data-decrypt-millis")) / 1000.0, before >> 20,
                    peak.get() >> 20, (peak.get() - before) >> 20);
        }
    }

    /** Resident bytes of every Chromium process under this JVM (driver, browser, renderers, GPU, utility). */
    private static long chromiumRss() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("chrom")).orElse(false))
                .mapToLong(p -> rss(p.pid())).sum();
    }

    private static long rss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException gone) {
            // The process ended between listing and reading.
        }
        return 0;
    }

    private static InputStream zeros(long bytes) {
        return new InputStream() {
            private long left = bytes;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 0);
                left -= n;
                return n;
            }
        };
    }
}
