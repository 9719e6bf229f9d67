package org.postern.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sizes, rates and times left, as every source language shows them, hold no English word: ICU's data falls back
 * to English for some of them, and {@link Formats} must cover for it.
 */
class SourceUnitsTest {

    /** Words ICU writes in English when a language's data lacks the unit. */
    private static final Set<String> ENGLISH = Set.of("byte", "bytes", "hr", "hour", "hours", "sec", "second",
            "seconds", "minute", "minutes");
    /**
     * Latin symbols a non-Latin-script language may keep: the decimal size symbols that software in that language
     * shows (Chinese, Uyghur and Tibetan write kB, MB, GB, TB; Tibetan also B, having no settled word for byte).
     */
    private static final Map<Language, Set<String>> SYMBOLS = Map.of(
            Language.ZH_HANS, Set.of("kB", "MB", "GB", "TB"),
            Language.ZH_HANT, Set.of("kB", "MB", "GB", "TB"),
            Language.UG, Set.of("kB", "MB", "GB", "TB"),
            Language.BO, Set.of("B", "kB", "MB", "GB", "TB"));
    private static final Set<Language> LATIN_SCRIPT = Set.of(Language.EN, Language.TR, Language.ES, Language.FR);
    /** Languages whose numbers are not written with Latin digits. */
    private static final Set<Language> OWN_DIGITS = Set.of(Language.FA);
    private static final Pattern WORD = Pattern.compile("\\p{IsLatin}+");

    @ParameterizedTest
    @EnumSource(Language.class)
    void sizesAndTimesAreWrittenInTheLanguage(Language language) {
        Formats formats = new Formats();
        List<String> shown = new ArrayList<>();
        for (long bytes : new long[] {1, 500, 1536, 5L << 20, 3L << 30, 2L << 40}) {
            shown.add(Formats.size(bytes, language));
        }
        shown.add(formats.sizePatterns(language.locale(), false));
        shown.add(formats.sizePatterns(language.locale(), true));
        shown.add(formats.durationPatterns(language.locale()));
        assertThat(formats.durationPatterns(language.locale()).split("\\|")).hasSize(3);
        assertThat(formats.sizePatterns(language.locale(), true).split("\\|")).hasSize(5);

        for (String text : shown) {
            Matcher words = WORD.matcher(text);
            while (words.find()) {
                String word = words.group();
                if (language == Language.EN) {
                    continue;
                }
                if (LATIN_SCRIPT.contains(language)) {
                    assertThat(ENGLISH).as("English word in %s: %s", language.code(), text).doesNotContain(word);
                } else {
                    assertThat(SYMBOLS.getOrDefault(language, Set.of()))
                            .as("Latin in %s: %s", language.code(), text).contains(word);
                }
            }
            if (OWN_DIGITS.contains(language)) {
                assertThat(text.replaceAll("\\{\\d\\}", "")).as("Latin digits in %s: %s", language.code(), text)
                        .doesNotContainPattern("[0-9]");
            }
        }
    }
}
