package org.postern.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.util.FileSystemUtils;

/**
 * A real headless Chromium from Debian's packages, driven by Selenium, that never calls out: background
 * networking, updates and sync are off, and the profile is fresh every time.
 */
public final class Chromium implements AutoCloseable {

    private static final String BINARY = "/usr/bin/chromium";
    private static final String DRIVER = "/usr/bin/chromedriver";

    private final ChromeDriver driver;
    private final Path profile;
    private final Path downloads;

    private Chromium(ChromeDriver driver, Path profile, Path downloads) {
        this.driver = driver;
        this.profile = profile;
        this.downloads = downloads;
    }

    /**
     * @param javascript false for Tor Browser's "Safest" level: no script runs at all. Either way, the browser
     *     proves it on a probe page before it is returned.
     */
    public static Chromium start(boolean javascript) {
        return start(javascript, false);
    }

    /**
     * JavaScript on, and the browser's own records kept: every request it sends (the DevTools network log, with
     * headers and form bodies) and its console, where CSP and Trusted Types violations show.
     */
    public static Chromium startRecording() {
        return start(true, true);
    }

    private static Chromium start(boolean javascript, boolean recording) {
        if (!new File(BINARY).canExecute() || !new File(DRIVER).canExecute()) {
            throw new IllegalStateException("Chromium is missing: apt-get install chromium chromium-driver");
        }
        try {
            Path profile = Files.createTempDirectory(Path.of("/tmp"), "chromium-profile");
            Path downloads = Files.createTempDirectory(Path.of("/tmp"), "chromium-downloads");
            ChromeOptions options = new ChromeOptions().setBinary(BINARY);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-extensions",
                    "--user-data-dir=" + profile, "--window-size=1280,1000");
            options.setExperimentalOption("prefs", Map.of(
                    "profile.managed_default_content_settings.javascript", javascript ? 1 : 2,
                    "download.default_directory", downloads.toString(),
                    "download.prompt_for_download", false,
                    "safebrowsing.enabled", false));
            if (recording) {
                options.setCapability("goog:loggingPrefs", Map.of("performance", "ALL", "browser", "ALL"));
                options.setExperimentalOption("perfLoggingPrefs", Map.of("enableNetwork", true, "enablePage", false));
            }
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(DRIVER)).build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofMinutes(2));
            Chromium chromium = new Chromium(driver, profile, downloads);
            try {
                chromium.requireScript(javascript);
            } catch (RuntimeException | AssertionError e) {
                chromium.close();
                throw e;
            }
            return chromium;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether page script really runs in this browser: a page whose inline script rewrites its own text is
     * loaded from a throwaway local server with no CSP, so only the browser's setting can stop the script.
     */
    public boolean scriptRuns() {
        try (ScriptProbe probe = ScriptProbe.start()) {
            driver.get(probe.url());
            String text = driver.findElement(org.openqa.selenium.By.id("probe")).getText();
            return switch (text) {
                case ScriptProbe.RAN -> true;
                case ScriptProbe.NOT_RUN -> false;
                default -> throw new IllegalStateException("the script probe page reads: " + text);
            };
        }
    }

    /** Fails unless script is as asked: every browser test starts with this proof, through {@link #start}. */
    public void requireScript(boolean javascript) {
        boolean runs = scriptRuns();
        if (runs != javascript) {
            throw new AssertionError("Chromium was started with JavaScript " + (javascript ? "on" : "off")
                    + ", but page script " + (runs ? "ran" : "did not run"));
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public Path downloads() {
        return downloads;
    }

    /** Waits for a finished download (Chromium writes *.crdownload until it is complete). */
    public Path awaitDownload(String fileName, Duration timeout) {
        Path file = downloads.resolve(fileName);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && !Files.exists(downloads.resolve(fileName + ".crdownload"))) {
                return file;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("no download named " + fileName);
    }

    /** Finds an element once the page that should hold it has loaded: clicks return before navigation ends. */
    public static org.openqa.selenium.WebElement await(WebDriver web, org.openqa.selenium.By by) {
        return new org.openqa.selenium.support.ui.WebDriverWait(web, Duration.ofSeconds(60))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(by));
    }

    /**
     * Clicks something that loads a new page and waits until the old page is gone: an element found right after
     * a plain click may still come from the old page, and go stale under the caller.
     */
    public static void clickToNewPage(WebDriver web, org.openqa.selenium.WebElement element) {
        org.openqa.selenium.WebElement oldPage = web.findElement(org.openqa.selenium.By.tagName("html"));
        element.click();
        new org.openqa.selenium.support.ui.WebDriverWait(web, Duration.ofSeconds(60)).until(w -> isGone(oldPage));
    }

    /**
     * True once {@code element}'s page has been replaced. Mid-navigation Chromium may answer that the node "does
     * not belong to the document" instead of calling it stale; both mean the old page is gone.
     */
    private static boolean isGone(org.openqa.selenium.WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException gone) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** DevTools events since the last call (JSON strings): requests with their headers and bodies. */
    public java.util.List<String> networkEvents() {
        return driver.manage().logs().get("performance").getAll().stream()
                .map(org.openqa.selenium.logging.LogEntry::getMessage).toList();
    }

    /** The page console since the last call: CSP and Trusted Types violations land here. */
    public java.util.List<String> consoleMessages() {
        return driver.manage().logs().get("browser").getAll().stream()
                .map(org.openqa.selenium.logging.LogEntry::getMessage).toList();
    }

    public byte[] screenshot() {
        return driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            FileSystemUtils.deleteRecursively(profile.toFile());
            FileSystemUtils.deleteRecursively(downloads.toFile());
        }
    }
}
