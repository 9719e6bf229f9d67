package org.postern.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;

import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.NoSuchMessageException;

/**
 * One side's message bundles ({@code i18n/<bundle>_<code>.properties}, UTF-8), formatted with ICU MessageFormat
 * so that plurals follow each language's rules. Every message goes through ICU, with or without arguments, so
 * quoting reads the same everywhere. A key missing in a language falls back to English (the bundle test keeps
 * that from happening).
 */
public final class Translations implements MessageSource {

    private final String bundle;
    private final Map<Language, Properties> messages = new EnumMap<>(Language.class);
    private final List<Language> languages;

    public Translations(String bundle, List<Language> languages) {
        this.bundle = bundle;
        this.languages = languages;
        for (Language language : languages) {
            messages.put(language, load(bundle, language));
        }
        if (!messages.containsKey(Language.EN)) {
            throw new IllegalArgumentException("English is every bundle's reference");
        }
    }

    public static Properties load(String bundle, Language language) {
        String path = "i18n/" + bundle + "_" + language.code() + ".properties";
        try (InputStream in = Translations.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing message bundle " + path);
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bundle() {
        return bundle;
    }

    public List<Language> languages() {
        return languages;
    }

    /** The message {@code key} in {@code language}, with positional arguments. */
    public String text(Language language, String key, Object... args) {
        String message = find(language, key);
        if (message == null) {
            throw new NoSuchMessageException(key, language.locale());
        }
        return format(message, language, args);
    }

    private String find(Language language, String key) {
        Properties own = messages.get(language);
        String message = own == null ? null : own.getProperty(key);
        return message != null ? message : messages.get(Language.EN).getProperty(key);
    }

    private static String format(String pattern, Language language, Object[] args) {
        return new MessageFormat(pattern, ULocale.forLocale(language.locale()))
                .format(args == null ? new Object[0] : args);
    }

    @Override
    public String getMessage(String code, Object[] args, String defaultMessage, Locale locale) {
        Language language = Language.of(locale);
        String message = code == null ? null : find(language, code);
        if (message == null) {
            return defaultMessage;
        }
        return format(message, language, args);
    }

    @Override
    public String getMessage(String code, Object[] args, Locale locale) {
        String message = getMessage(code, args, null, locale);
        if (message == null) {
            throw new NoSuchMessageException(code, locale);
        }
        return message;
    }

    @Override
    public String getMessage(MessageSourceResolvable resolvable, Locale locale) {
        String[] codes = resolvable.getCodes();
        if (codes != null) {
            for (String code : codes) {
                String message = getMessage(code, resolvable.getArguments(), null, locale);
                if (message != null) {
                    return message;
                }
            }
        }
        if (resolvable.getDefaultMessage() != null) {
            return resolvable.getDefaultMessage();
        }
        throw new NoSuchMessageException(codes == null ? "" : codes[codes.length - 1], locale);
    }
}
