package org.postern.i18n;

import java.text.FieldPosition;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Locale;

import com.ibm.icu.text.DateFormat;
import com.ibm.icu.text.MeasureFormat;
import com.ibm.icu.text.NumberFormat;
import com.ibm.icu.util.Measure;
import com.ibm.icu.util.MeasureUnit;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;

/**
 * Days, numbers and sizes written the way each language writes them. Templates reach it as {@code @formats} in {@code th:text}, with {@code #locale}.
 * Sizes use binary multiples, as {@link org.postern.web.HumanSizes} does.
 */
public final class Formats {

    private static final MeasureUnit[] UNITS = {MeasureUnit.BYTE, MeasureUnit.KILOBYTE, MeasureUnit.MEGABYTE,
        MeasureUnit.GIGABYTE, MeasureUnit.TERABYTE};
    /** Sample numbers no unit name or list pattern contains, none inside another. */
    private static final long HOURS = 47;
    private static final long MINUTES = 58;
    private static final long SECONDS = 36;
    /**
     * ICU's Tibetan data has no time units and writes English h, min and s. Tibetan names the unit, then the
     * number: hours ཆུ་ཚོད་, minutes སྐར་མ་, seconds སྐར་ཆ་.
     */
    private static final String TIBETAN_DURATIONS = "ཆུ་ཚོད་ {0} སྐར་མ་ {1} སྐར་ཆ་ {2}|སྐར་མ་ {0} སྐར་ཆ་ {1}|སྐར་ཆ་ {0}";
    /** First-strong isolate and pop: keeps a left-to-right run whole inside right-to-left plain text. */
    private static final String FSI = "\u2068";
    private static final String PDI = "\u2069";

    public String day(LocalDate day, Locale locale) {
        return day(day, Language.of(locale));
    }

    public static String day(LocalDate day, Language language) {
        DateFormat format = DateFormat.getDateInstance(DateFormat.LONG, ULocale.forLocale(language.locale()));
        format.setTimeZone(TimeZone.GMT_ZONE);
        return format.format(Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant()));
    }

    /** A moment, to the second, in UTC: the console's audit trail. */
    public String moment(Instant moment, Locale locale) {
        DateFormat format = DateFormat.getDateTimeInstance(DateFormat.MEDIUM, DateFormat.MEDIUM,
                ULocale.forLocale(Language.of(locale).locale()));
        format.setTimeZone(TimeZone.GMT_ZONE);
        return format.format(Date.from(moment));
    }

    public String size(long bytes, Locale locale) {
        return size(bytes, Language.of(locale));
    }

    public static String size(long bytes, Language language) {
        int unit = 0;
        long scale = 1;
        while (unit < UNITS.length - 1 && bytes >= scale * 1024) {
            scale *= 1024;
            unit++;
        }
        ULocale locale = ULocale.forLocale(language.locale());
        NumberFormat number = NumberFormat.getInstance(locale);
        number.setMaximumFractionDigits(1);
        double value = bytes % scale == 0 ? bytes / scale : Math.round(bytes * 10.0 / scale) / 10.0;
        return sizeWords(sizeFormat(locale, language, number).format(new Measure(value, UNITS[unit])), language);
    }

    /** Persian's short sizes are Latin (kB, MB); its wide ones are Persian words. */
    private static MeasureFormat sizeFormat(ULocale locale, Language language, NumberFormat number) {
        return MeasureFormat.getInstance(locale, language == Language.FA ? MeasureFormat.FormatWidth.WIDE
                : MeasureFormat.FormatWidth.SHORT, number);
    }

    /**
     * Where ICU's data falls short for a source. It has no word for "byte" in Uyghur, Tibetan and Traditional
     * Chinese and writes the English one; Chinese writes 字节 / 位元組, Uyghur بايت. Tibetan keeps the symbol B,
     * like the kB and MB beside it, which are the symbols Tibetan, Uyghur and Chinese software use. Kazakh's data
     * writes megabytes and terabytes with a Latin M and T among Cyrillic letters, Russian's "per second" with a
     * Latin c; Uyghur's and Tibetan's rates say "/s".
     */
    static String sizeWords(String written, Language language) {
        return switch (language) {
            case EN -> written;
            case ZH_HANS -> written.replace(" byte", " 字节").replace(" B", " 字节");
            case ZH_HANT -> written.replace(" byte", " 位元組").replace(" B", " 位元組");
            case UG -> written.replace("byte", "بايت").replace(" B", " بايت").replace("/s", "/سېكۇنت");
            case KK -> written.replace("MБ", "МБ").replace("TБ", "ТБ");
            case RU -> written.replace("/c", "/с");
            case BO -> written.replace("byte", "B").replace("/s", "/སྐར་ཆ་");
            default -> written.replace("byte", "B");
        };
    }

    /**
     * How the language writes a size in each unit (bytes to terabytes), as patterns with {@code {0}} where the
     * number goes, joined by {@code |}: for a script that writes sizes without composing English. With
     * {@code perSecond}, the same for a rate.
     */
    public String sizePatterns(Locale locale, boolean perSecond) {
        ULocale uLocale = ULocale.forLocale(Language.of(locale).locale());
        NumberFormat number = NumberFormat.getInstance(uLocale);
        MeasureFormat format = sizeFormat(uLocale, Language.of(locale), number);
        List<String> patterns = new ArrayList<>();
        for (MeasureUnit unit : UNITS) {
            Measure sample = new Measure(HOURS, unit);
            String written = perSecond
                    ? format.formatMeasurePerUnit(sample, MeasureUnit.SECOND, new StringBuilder(), new FieldPosition(0))
                            .toString()
                    : format.format(sample);
            patterns.add(sizeWords(placeholders(written, number, HOURS), Language.of(locale)));
        }
        return String.join("|", patterns);
    }

    /**
     * How the language writes a time left as hours, minutes and seconds, then minutes and seconds, then seconds
     * alone, joined by {@code |}; each pattern numbers its own placeholders from {@code {0}}.
     */
    public String durationPatterns(Locale locale) {
        ULocale uLocale = ULocale.forLocale(Language.of(locale).locale());
        NumberFormat number = NumberFormat.getInstance(uLocale);
        MeasureFormat format = MeasureFormat.getInstance(uLocale, MeasureFormat.FormatWidth.SHORT, number);
        if (Language.of(locale) == Language.BO) {
            return TIBETAN_DURATIONS;
        }
        // Units side by side rather than ICU's list patterns: some languages' list data still says "and".
        String h = placeholders(format.format(new Measure(HOURS, MeasureUnit.HOUR)), number, HOURS);
        String m = placeholders(format.format(new Measure(MINUTES, MeasureUnit.MINUTE)), number, MINUTES);
        String s = placeholders(format.format(new Measure(SECONDS, MeasureUnit.SECOND)), number, SECONDS);
        return String.join("|", h + " " + m.replace("{0}", "{1}") + " " + s.replace("{0}", "{2}"),
                m + " " + s.replace("{0}", "{1}"), s);
    }

    /** Puts {@code {i}} where the i-th sample number was written, so that a script can write its own numbers. */
    private static String placeholders(String written, NumberFormat number, long... samples) {
        String pattern = written;
        for (int i = 0; i < samples.length; i++) {
            String digits = number.format(samples[i]);
            int at = pattern.indexOf(digits);
            if (at < 0) {
                throw new IllegalStateException("no sample number in " + written);
            }
            pattern = pattern.substring(0, at) + "{" + i + "}" + pattern.substring(at + digits.length());
        }
        return pattern;
    }

    public String number(long value, Locale locale) {
        return NumberFormat.getInstance(ULocale.forLocale(Language.of(locale).locale())).format(value);
    }

    /**
     * Wraps {@code text} in Unicode isolates when the page reads right to left, for plain text where no
     * {@code <bdi>} can go. Left-to-right pages need none, and their text stays as typed.
     */
    public static String isolate(String text, Language language) {
        return language.rightToLeft() ? FSI + text + PDI : text;
    }
}
