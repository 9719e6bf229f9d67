package org.postern.review;

import java.time.LocalDate;

import org.postern.i18n.Formats;
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
        Language language = language();
        return translations.text(language, key, days(arguments, language));
    }

    /**
     * A refusal another part composed as a key and arguments: a day reads as the language writes it, and
     * every text argument (a fingerprint, a name) is isolated so that right-to-left text cannot reorder it.
     */
    public String refusal(String key, Object... arguments) {
        Language language = language();
        Object[] shown = days(arguments, language);
        for (int i = 0; i < shown.length; i++) {
            if (shown[i] instanceof String plain && !(arguments[i] instanceof LocalDate)) {
                shown[i] = Formats.isolate(plain, language);
            }
        }
        return translations.text(language, key, shown);
    }

    private static Object[] days(Object[] arguments, Language language) {
        if (arguments == null) {
            return new Object[0];
        }
        Object[] shown = arguments.clone();
        for (int i = 0; i < shown.length; i++) {
            if (shown[i] instanceof LocalDate day) {
                shown[i] = Formats.day(day, language);
            }
        }
        return shown;
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
