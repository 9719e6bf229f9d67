package org.postern.review;

import org.postern.i18n.Language;
import org.postern.i18n.Translations;
import org.springframework.context.MessageSourceResolvable;
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
        return translations.text(language(), key, arguments);
    }

    /** A message another part composed as a key and arguments. */
    public String of(MessageSourceResolvable message) {
        return translations.getMessage(message, language().locale());
    }

    /** The language of the request being answered. */
    public Language language() {
        return Language.of(LocaleContextHolder.getLocale());
    }
}
