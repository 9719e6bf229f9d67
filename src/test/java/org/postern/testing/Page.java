package org.postern.testing;

import java.net.http.HttpHeaders;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** One response as a person's browser would get it. */
public record Page(String path, int status, HttpHeaders headers, String body) {

    public Document document() {
        return Jsoup.parse(body);
    }

    public String text() {
        return document().text();
    }

    public String csrfToken() {
        var input = document().selectFirst("input[name=_csrf]");
        if (input == null) {
            throw new IllegalStateException("no CSRF token on " + path);
        }
        return input.attr("value");
    }
}
