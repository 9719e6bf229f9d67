package org.postern.i18n;

import java.time.LocalDate;
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
        return MeasureFormat.getInstance(locale, MeasureFormat.FormatWidth.SHORT, number)
                .format(new Measure(value, UNITS[unit]));
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
