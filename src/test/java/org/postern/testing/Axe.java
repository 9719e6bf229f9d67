package org.postern.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core, from the npm lockfile's devDependencies, run on the page the browser shows. The driver injects it;
 * no page loads it. It runs on timers, so the browser must allow script.
 */
public final class Axe {

    private static final Path SCRIPT = Path.of("frontend", "node_modules", "axe-core", "axe.min.js");

    private Axe() {
    }

    /** The serious and critical violations on the current page, as "rule: selector" lines. */
    public static List<String> seriousViolations(WebDriver web) {
        String axe;
        try {
            axe = Files.readString(SCRIPT);
        } catch (IOException e) {
            throw new UncheckedIOException("axe-core is missing: run npm ci in frontend/", e);
        }
        web.manage().timeouts().scriptTimeout(java.time.Duration.ofMinutes(2));
        JavascriptExecutor js = (JavascriptExecutor) web;
        js.executeScript(axe);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> violations = (List<Map<String, Object>>) js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                  .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact,
                      nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + n.failureSummary)}))))
                  .catch(e => done([{id: 'axe-error', impact: 'critical', nodes: [String(e)]}]));""");
        return violations.stream()
                .filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact")))
                .map(v -> v.get("id") + ": " + v.get("nodes"))
                .toList();
    }
}
