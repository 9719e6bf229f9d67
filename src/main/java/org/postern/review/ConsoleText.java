package org.postern.review;

import org.postern.i18n.Language;
import org.postern.i18n.Translations;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** A console sentence in the language of the request being answered, for messages controllers compose. */
@Component
public final class ConsoleText {

    private final Translations translations;

    ConsoleText(Translations translations) {
        this.translations = translations;
    }

    public String of(String key, Object... arguments) {
        return translations.text(Language.of(LocaleContextHolder.getLocale()), key, arguments);
    }
}
