package org.postern.hostile;

import java.util.List;

/** Markup, script and template-expression payloads, each carrying a case's canary. */
final class Payloads {

    private Payloads() {
    }

    record Payload(String name, String text) {
    }

    /** Twelve payloads: HTML, attribute breakout, JavaScript URLs, and Thymeleaf/SpEL/other template syntax. */
    static List<Payload> injections(String canary) {
        return List.of(
                new Payload("script tag", "<script>alert('" + canary + "')</script>"),
                new Payload("attribute breakout", "\"><img src=x onerror=alert('" + canary + "')>"),
                new Payload("single-quote breakout", "'><svg onload=alert('" + canary + "')>"),
                new Payload("javascript URL", "javascript:alert('" + canary + "')//<a href=\"javascript:x\">x</a>"),
                new Payload("closing textarea", "</textarea></pre><script>" + canary + "</script>"),
                new Payload("iframe", "<iframe src=\"http://evil.example/" + canary + "\"></iframe>"),
                new Payload("Thymeleaf inline", "[[${7*1931}]] [(${7*1931})] " + canary),
                new Payload("SpEL preprocessing", "__${T(java.lang.Runtime).getRuntime().exec('id')}__::.x "
                        + "${7*1931} " + canary),
                new Payload("selection and message expressions", "*{7*1931} #{7*1931} @{/x} ~{x::y} " + canary),
                new Payload("other template engines", "{{7*1931}} <%= 7*1931 %> #set($x=7*1931)$x " + canary),
                new Payload("SQL", "' OR '1'='1' -- ; DROP TABLE source; " + canary),
                new Payload("HTML comment and entity", "<!-- " + canary + " --> &lt;script&gt; &#x3C;b&#x3E;"));
    }
}
