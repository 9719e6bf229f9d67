package org.postern.i18n;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages Postern speaks. A code is matched exactly, never guessed from a browser: Tor Browser always
 * asks for en-US, whoever uses it.
 */
public enum Language {
    EN("en", "English", false, true),
    UG("ug", "ئۇيغۇرچە", true, true),
    ZH_HANS("zh-Hans", "简体中文", false, true),
    ZH_HANT("zh-Hant", "繁體中文", false, false),
    BO("bo", "བོད་ཡིག", false, false),
    KK("kk", "Қазақша", false, false),
    AR("ar", "العربية", true, true),
    FA("fa", "فارسی", true, false),
    RU("ru", "Русский", false, false),
    TR("tr", "Türkçe", false, false),
    UK("uk", "Українська", false, false),
    ES("es", "Español", false, true),
    FR("fr", "Français", false, true);

    /** Every language the source side speaks, in the order the picker lists them. */
    public static final List<Language> SOURCE = List.of(values());
    /** The console's languages. */
    public static final List<Language> CONSOLE = Arrays.stream(values()).filter(l -> l.console).toList();

    private final String code;
    private final String nativeName;
    private final boolean rightToLeft;
    private final boolean console;
    private final Locale locale;

    Language(String code, String nativeName, boolean rightToLeft, boolean console) {
        this.code = code;
        this.nativeName = nativeName;
        this.rightToLeft = rightToLeft;
        this.console = console;
        this.locale = Locale.forLanguageTag(code);
    }

    /** The BCP 47 tag, used in {@code ?lang=}, {@code <html lang>} and bundle names. */
    public String code() {
        return code;
    }

    /** The language's name in its own script. */
    public String nativeName() {
        return nativeName;
    }

    public String dir() {
        return rightToLeft ? "rtl" : "ltr";
    }

    public boolean rightToLeft() {
        return rightToLeft;
    }

    public Locale locale() {
        return locale;
    }

    /** Exact match of a code among {@code among}; anything else is no language at all. */
    public static Optional<Language> byCode(String code, List<Language> among) {
        if (code == null || code.length() > 16) {
            return Optional.empty();
        }
        return among.stream().filter(l -> l.code.equals(code)).findFirst();
    }

    /** The language a resolved locale stands for, English when it is none of ours. */
    public static Language of(Locale locale) {
        if (locale == null) {
            return EN;
        }
        String tag = locale.toLanguageTag();
        return Arrays.stream(values()).filter(l -> l.code.equals(tag)).findFirst().orElse(EN);
    }
}
