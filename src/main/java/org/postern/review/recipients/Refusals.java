package org.postern.review.recipients;

import jakarta.servlet.http.HttpServletResponse;

import org.postern.crypto.KeyRejectedException;
import org.postern.recipients.VettingRefused;
import org.postern.review.ConsoleText;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;

/** How a refused key action reaches the browser: its page again, the reason on it, and a fitting status. */
final class Refusals {

    private Refusals() {
    }

    static HttpStatus status(VettingRefused refused) {
        return switch (refused.reason()) {
            case NO_SUCH_KEY -> HttpStatus.NOT_FOUND;
            case TWO_PERSON_RULE, NOT_AN_ADMIN -> HttpStatus.FORBIDDEN;
            case CONFLICT -> HttpStatus.CONFLICT;
            case NO_LONGER_VALID -> HttpStatus.BAD_REQUEST;
        };
    }

    /** A refused key's reason in the reader's language. */
    static String reason(ConsoleText text, KeyRejectedException rejected) {
        return text.refusal(rejected.consoleKey(), rejected.arguments());
    }

    /** The refusal's reason, in the language of the person who tried. */
    static void show(HttpServletResponse response, Model model, ConsoleText text, VettingRefused refused) {
        show(response, model, status(refused), text.refusal(refused.messageKey(), refused.arguments()));
    }

    static void show(HttpServletResponse response, Model model, HttpStatus status, String message) {
        response.setStatus(status.value());
        model.addAttribute("error", message);
    }
}
