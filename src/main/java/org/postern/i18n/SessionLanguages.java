package org.postern.i18n;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.web.servlet.LocaleResolver;

/**
 * The language of a visit, kept in the server session: the only place a choice can live without a script or a
 * cookie of its own. Before a choice, the configured default. Never the browser's Accept-Language.
 */
public class SessionLanguages implements LocaleResolver {

    public static final String ATTRIBUTE = SessionLanguages.class.getName() + ".code";

    private final List<Language> languages;
    private final Supplier<Language> fallback;

    public SessionLanguages(List<Language> languages, Supplier<Language> fallback) {
        this.languages = languages;
        this.fallback = fallback;
    }

    public List<Language> languages() {
        return languages;
    }

    public Language current(HttpServletRequest request) {
        return chosen(request).orElseGet(() -> defaultFor(request));
    }

    /** What to show before any choice in this session. */
    protected Language defaultFor(HttpServletRequest request) {
        return fallback.get();
    }

    /** The side's default language. */
    public Language fallback() {
        return fallback.get();
    }

    public java.util.Optional<Language> chosen(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object code = session == null ? null : session.getAttribute(ATTRIBUTE);
        return code instanceof String s ? Language.byCode(s, languages) : java.util.Optional.empty();
    }

    public void choose(HttpServletRequest request, Language language) {
        if (languages.contains(language)) {
            request.getSession(true).setAttribute(ATTRIBUTE, language.code());
        }
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return current(request).locale();
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        choose(request, Language.of(locale));
    }
}
