package org.postern.review;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.postern.accounts.AccountRepository;
import org.postern.i18n.Language;
import org.postern.i18n.SessionLanguages;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The console's language: for a logged-in investigator, their account's setting, so it follows them to every
 * device; before login, the visit's choice; otherwise English.
 */
final class AccountLanguages extends SessionLanguages {

    private static final String LOOKED_UP = AccountLanguages.class.getName() + ".lookedUp";

    private final AccountRepository accounts;

    AccountLanguages(AccountRepository accounts) {
        super(Language.CONSOLE, () -> Language.EN);
        this.accounts = accounts;
    }

    @Override
    public Language current(HttpServletRequest request) {
        Optional<ConsoleUser> user = user();
        if (user.isEmpty()) {
            return super.current(request);
        }
        if (request.getAttribute(LOOKED_UP) instanceof Language known) {
            return known;
        }
        Language language = accounts.language(user.get().accountId())
                .flatMap(code -> Language.byCode(code, Language.CONSOLE))
                .orElseGet(() -> super.current(request));
        request.setAttribute(LOOKED_UP, language);
        return language;
    }

    @Override
    public void choose(HttpServletRequest request, Language language) {
        if (!Language.CONSOLE.contains(language)) {
            return;
        }
        super.choose(request, language);
        user().ifPresent(u -> accounts.setLanguage(u.accountId(), language.code()));
        request.setAttribute(LOOKED_UP, language);
    }

    private static Optional<ConsoleUser> user() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof ConsoleUser u ? Optional.of(u) : Optional.empty();
    }
}
