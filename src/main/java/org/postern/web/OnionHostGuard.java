package org.postern.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.postern.i18n.Language;
import org.postern.i18n.SessionLanguages;
import org.postern.i18n.Translations;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * Serves a side only under its own onion address or a loopback name. Any other Host is refused, which defeats
 * DNS rebinding and shows at once when a side is exposed on a clearnet name by mistake. Requests that came
 * through a Tor2web proxy are refused with an explanation: such a proxy sees everything the visitor sends.
 */
public final class OnionHostGuard extends OncePerRequestFilter {

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    private final Supplier<Optional<String>> onionHost;
    private final Translations translations;
    private final SessionLanguages languages;

    public OnionHostGuard(Supplier<Optional<String>> onionHost, Translations translations,
            SessionLanguages languages) {
        this.onionHost = onionHost;
        this.translations = translations;
        this.languages = languages;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getHeader("X-Tor2web") != null) {
            refuse(request, response, HttpServletResponse.SC_FORBIDDEN, "guard.tor2web");
            return;
        }
        if (!allowed(request.getHeader("Host"))) {
            refuse(request, response, 421, "guard.wrongHost");
            return;
        }
        chain.doFilter(request, response);
    }

    boolean allowed(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank() || hostHeader.length() > 300) {
            return false;
        }
        String host = withoutPort(hostHeader.strip().toLowerCase(Locale.ROOT));
        return LOOPBACK_NAMES.contains(host) || onionHost.get().map(host::equals).orElse(false);
    }

    private static String withoutPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, int status, String key)
            throws IOException {
        Language language = languages.current(request);
        String title = HtmlUtils.htmlEscape(translations.text(language, key + ".title"));
        String text = HtmlUtils.htmlEscape(translations.text(language, key + ".text"));
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        byte[] body = ("<!DOCTYPE html><html lang=\"" + language.code() + "\" dir=\"" + language.dir()
                + "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><title>" + title + "</title></head><body><h1>"
                + title + "</h1><p>" + text + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
