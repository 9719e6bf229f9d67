package org.postern.intake;

import java.util.Arrays;

import org.postern.i18n.Formats;
import org.postern.i18n.Language;
import org.postern.i18n.Translations;
import org.postern.intake.internal.SubmissionRejected;

/** A refused upload's sentence in the source's language, with byte counts written as that language writes sizes. */
final class Rejections {

    private Rejections() {
    }

    /** Marks the request so that its connection closes after the refusal instead of reading the rest of the body. */
    static void closeIfAsked(SubmissionRejected rejected, jakarta.servlet.http.HttpServletRequest request) {
        if (rejected.dropsConnection()) {
            request.setAttribute(org.postern.web.DropConnectionValve.ATTRIBUTE, Boolean.TRUE);
        }
    }

    static String text(SubmissionRejected rejected, Translations translations, Language language) {
        Object[] arguments = Arrays.stream(rejected.arguments())
                .map(a -> a instanceof SubmissionRejected.Size size
                        ? Formats.isolate(Formats.size(size.bytes(), language), language) : a)
                .toArray();
        return translations.text(language, rejected.messageKey(), arguments);
    }
}
