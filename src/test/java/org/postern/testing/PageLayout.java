package org.postern.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Checks of a rendered page's language and layout, measured by the browser's own layout engine. The page runs
 * no script: the measurements are made through the driver, as a person's eye would see the result.
 */
public final class PageLayout {

    /** Where screenshots go, for people to look at after a run. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots", "languages");

    private PageLayout() {
    }

    public static void narrow(WebDriver web) {
        web.manage().window().setSize(new Dimension(360, 1400));
    }

    /** {@code <html lang dir>} as expected, and the page is in that direction as laid out. */
    public static void assertLanguage(WebDriver web, String lang, String dir) {
        WebElement html = web.findElement(By.tagName("html"));
        assertThat(html.getAttribute("lang")).as("lang of %s", web.getCurrentUrl()).isEqualTo(lang);
        assertThat(html.getAttribute("dir")).as("dir of %s", web.getCurrentUrl()).isEqualTo(dir);
        assertThat(web.findElement(By.tagName("body")).getCssValue("direction")).isEqualTo(dir);
    }

    /** Nothing is wider than the viewport: no sideways scrolling, no element sticking out. */
    public static void assertNoOverflow(WebDriver web) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) ((JavascriptExecutor) web).executeScript("""
                const d = document.documentElement;
                const wide = [];
                const scrolls = e => {
                  for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
                    if (getComputedStyle(a).overflowX !== 'visible') return true;
                  }
                  return false;
                };
                for (const e of document.body.querySelectorAll('*')) {
                  // What sits inside its own scrolling box (a wide table) does not widen the page.
                  if (scrolls(e)) continue;
                  const r = e.getBoundingClientRect();
                  if (r.width > 0 && (r.right > d.clientWidth + 1 || r.left < -1)) {
                    wide.push(e.tagName + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '')
                        + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
                  }
                }
                return {scroll: d.scrollWidth, client: d.clientWidth, wide: wide.slice(0, 10)};""");
        assertThat(((Number) m.get("scroll")).longValue()).as("scroll width of %s: %s", web.getCurrentUrl(),
                m.get("wide")).isLessThanOrEqualTo(((Number) m.get("client")).longValue());
        assertThat((List<?>) m.get("wide")).as("elements outside the viewport on %s", web.getCurrentUrl()).isEmpty();
    }

    /**
     * The main column's first line of text starts at the side the language reads from: for right to left, its
     * first heading's text ends flush with the column's right edge and leaves space on the left.
     */
    public static void assertMainStartsAtReadingSide(WebDriver web, boolean rightToLeft) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) ((JavascriptExecutor) web).executeScript("""
                const main = document.querySelector('main');
                const h1 = main.querySelector('h1');
                const style = getComputedStyle(main);
                const box = main.getBoundingClientRect();
                const range = document.createRange();
                range.selectNodeContents(h1);
                // A line of mixed scripts is several boxes (one per direction run): take the first line whole.
                const rects = Array.from(range.getClientRects()).filter(r => r.width > 0);
                const top = Math.min(...rects.map(r => r.top));
                const line = rects.filter(r => Math.abs(r.top - top) < 4);
                return {left: box.left + parseFloat(style.paddingLeft), right: box.right - parseFloat(style.paddingRight),
                        textLeft: Math.min(...line.map(r => r.left)), textRight: Math.max(...line.map(r => r.right))};""");
        double left = ((Number) m.get("left")).doubleValue();
        double right = ((Number) m.get("right")).doubleValue();
        double textLeft = ((Number) m.get("textLeft")).doubleValue();
        double textRight = ((Number) m.get("textRight")).doubleValue();
        if (rightToLeft) {
            assertThat(textRight).as("first line ends at the right edge on %s: %s", web.getCurrentUrl(), m)
                    .isCloseTo(right, org.assertj.core.data.Offset.offset(2.0));
        } else {
            assertThat(textLeft).as("first line starts at the left edge on %s: %s", web.getCurrentUrl(), m)
                    .isCloseTo(left, org.assertj.core.data.Offset.offset(2.0));
        }
    }

    /**
     * Clicks something that loads a new page and waits until the old one is gone. Chromium sometimes reports the
     * old page's node as "not in the document" rather than stale; both mean the page has changed.
     */
    public static void clickToNewPage(WebDriver web, WebElement element) {
        WebElement oldPage = web.findElement(By.tagName("html"));
        element.click();
        new org.openqa.selenium.support.ui.WebDriverWait(web, java.time.Duration.ofSeconds(60)).until(d -> {
            try {
                oldPage.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                return true;
            }
        });
    }

    public static void screenshot(Chromium chromium, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), chromium.screenshot());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
