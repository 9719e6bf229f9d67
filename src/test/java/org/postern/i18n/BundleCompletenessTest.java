package org.postern.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every language says everything English says, with the same arguments and markup, in patterns ICU can read;
 * and no template holds a sentence of its own outside a message expression.
 */
class BundleCompletenessTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    /** Names that stay as they are in every language. */
    private static final List<String> BRANDS = List.of("Tor Browser", "Postern", "Dangerzone", "mat2", "JavaScript",
            "OpenPGP", "GnuPG", "PDF");
    private static final Pattern TAG = Pattern.compile("</?([a-z]+)[^>]*>");
    /** Attributes a person reads or hears. */
    private static final List<String> READ_ATTRIBUTES = List.of("placeholder", "title", "aria-label", "alt", "value",
            "label", "aria-description");

    static Stream<Arguments> bundles() {
        List<Arguments> all = new ArrayList<>();
        for (Language language : Language.SOURCE) {
            all.add(Arguments.of("source", language));
        }
        for (Language language : Language.CONSOLE) {
            all.add(Arguments.of("console", language));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("bundles")
    void hasExactlyTheEnglishKeys(String bundle, Language language) {
        Set<String> english = keys(Translations.load(bundle, Language.EN));
        Set<String> own = keys(Translations.load(bundle, language));
        Set<String> missing = new TreeSet<>(english);
        missing.removeAll(own);
        Set<String> extra = new TreeSet<>(own);
        extra.removeAll(english);
        assertThat(missing).as("keys missing in %s_%s", bundle, language.code()).isEmpty();
        assertThat(extra).as("keys in %s_%s that English lacks", bundle, language.code()).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("bundles")
    void parsesWithTheSameArgumentsAndMarkupAsEnglish(String bundle, Language language) {
        Properties english = Translations.load(bundle, Language.EN);
        Properties own = Translations.load(bundle, language);
        List<String> problems = new ArrayList<>();
        for (String key : keys(english)) {
            String theirs = own.getProperty(key);
            if (theirs == null) {
                continue;
            }
            MessageFormat reference = new MessageFormat(english.getProperty(key), ULocale.ENGLISH);
            MessageFormat format;
            try {
                format = new MessageFormat(theirs, ULocale.forLocale(language.locale()));
            } catch (IllegalArgumentException e) {
                problems.add(key + ": does not parse: " + e.getMessage());
                continue;
            }
            if (!format.getArgumentNames().equals(reference.getArgumentNames())) {
                problems.add(key + ": arguments " + format.getArgumentNames() + ", English has "
                        + reference.getArgumentNames());
            }
            if (!tags(theirs).equals(tags(english.getProperty(key)))) {
                problems.add(key + ": markup " + tags(theirs) + ", English has " + tags(english.getProperty(key)));
            }
        }
        assertThat(problems).as("%s_%s", bundle, language.code()).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("bundles")
    void isWrittenInItsOwnLanguage(String bundle, Language language) {
        if (language == Language.EN) {
            return;
        }
        Properties english = Translations.load(bundle, Language.EN);
        Properties own = Translations.load(bundle, language);
        List<String> untranslated = new ArrayList<>();
        for (String key : keys(english)) {
            String theirs = own.getProperty(key);
            // Short labels can be the same word ("Message" in French); sentences cannot.
            if (theirs != null && theirs.equals(english.getProperty(key)) && wordsOutsideArguments(theirs) > 2) {
                untranslated.add(key);
            }
        }
        assertThat(untranslated).as("sentences left in English in %s_%s", bundle, language.code()).isEmpty();
    }

    @Test
    void templatesHoldNoTextOutsideMessages() throws IOException {
        List<String> literal = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).sorted().toList()) {
                Document document = Jsoup.parse(Files.readString(file), "", Parser.xmlParser());
                collectLiteral(document, TEMPLATES.relativize(file).toString(), literal);
            }
        }
        assertThat(literal).as("text a reader sees that comes from no bundle").isEmpty();
    }

    /**
     * The scripts show only words the page gave them: a string literal with two words side by side would be a
     * sentence composed in English. Markers of a format (PEM armour) and class lists are code, not text.
     */
    @ParameterizedTest
    @ValueSource(strings = {"static/intake/js/resumable.js", "static/review/js/browser-reading.mjs"})
    void scriptsComposeNoText(String script) throws IOException {
        String code = Files.readString(Path.of("src/main/resources").resolve(script))
                .replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "").replaceAll("\\s//.*", "");
        List<String> composed = new ArrayList<>();
        Matcher literal = Pattern.compile("'((?:[^'\\\\\\n]|\\\\.)*)'|\"((?:[^\"\\\\\\n]|\\\\.)*)\"|`([^`]*)`")
                .matcher(code);
        while (literal.find()) {
            String text = literal.group(1) != null ? literal.group(1)
                    : literal.group(2) != null ? literal.group(2) : literal.group(3);
            if (WORDS.matcher(text).find() && !CODE_STRINGS.contains(text)) {
                composed.add(text);
            }
        }
        assertThat(composed).as("text %s composes instead of taking it from the page", script).isEmpty();
    }

    private static final Pattern WORDS = Pattern.compile("\\b\\p{L}{2,}[,;:.!?…]?\\s+\\p{L}{2,}\\b|\\p{L}{3,}[.!?…:]$");
    /** Strings that are code: directives, PEM armour, class lists. */
    private static final Set<String> CODE_STRINGS = Set.of("use strict", "-----BEGIN PGP", "PUBLIC KEY BLOCK",
            "bk-decrypt small");

    private static void collectLiteral(Node node, String file, List<String> literal) {
        if (node instanceof Element element) {
            if (replacesContent(element)) {
                return;
            }
            for (String attribute : READ_ATTRIBUTES) {
                if (element.hasAttr(attribute) && !element.hasAttr("th:" + attribute) && !element.hasAttr("th:attr")
                        && !onlyBrands(element.attr(attribute)) && !(attribute.equals("value")
                                && !element.attr("type").matches("submit|button|reset"))) {
                    literal.add(file + ": " + element.tagName() + "[" + attribute + "=" + element.attr(attribute) + "]");
                }
            }
        }
        if (node instanceof TextNode text && !onlyBrands(text.getWholeText())) {
            literal.add(file + ": \"" + text.getWholeText().strip() + "\"");
        }
        for (Node child : node.childNodes()) {
            collectLiteral(child, file, literal);
        }
    }

    /**
     * Thymeleaf puts something else where this element's content was (what is written inside is a stand-in), or
     * the element holds a command or address marked as never to be translated.
     */
    private static boolean replacesContent(Element element) {
        return element.attr("translate").equals("no") || element.hasAttr("th:text") || element.hasAttr("th:utext") || element.hasAttr("th:replace")
                || element.hasAttr("th:insert") || element.hasAttr("th:remove") || element.tagName().equals("script")
                || element.tagName().equals("style");
    }

    private static boolean onlyBrands(String text) {
        String rest = text;
        for (String brand : BRANDS) {
            rest = rest.replace(brand, "");
        }
        // What is left may be punctuation, digits and symbols, which read the same in every language.
        return rest.codePoints().noneMatch(Character::isLetter);
    }

    /** Words of a pattern once its arguments and plural blocks are taken out. */
    private static int wordsOutsideArguments(String pattern) {
        String text = pattern;
        for (String before = ""; !before.equals(text);) {
            before = text;
            text = text.replaceAll("\\{[^{}]*\\}", " ");
        }
        return (int) java.util.Arrays.stream(text.split("\\s+")).filter(w -> w.codePoints().anyMatch(Character::isLetter))
                .count();
    }

    private static Set<String> keys(Properties properties) {
        return new TreeSet<>(properties.stringPropertyNames());
    }

    private static List<String> tags(String message) {
        List<String> tags = new ArrayList<>();
        Matcher m = TAG.matcher(message);
        while (m.find()) {
            tags.add(m.group().toLowerCase(Locale.ROOT));
        }
        return tags;
    }
}
