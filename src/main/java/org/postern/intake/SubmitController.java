package org.postern.intake;

import java.time.Duration;
import java.util.Arrays;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.postern.i18n.Formats;
import org.postern.i18n.Language;
import org.postern.i18n.SessionLanguages;
import org.postern.i18n.Translations;
import org.postern.intake.internal.StreamingSubmissionReceiver;
import org.postern.intake.internal.SubmissionRejected;
import org.postern.recipients.RecipientRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Receives a submission as a stream: every part is encrypted as it arrives; nothing is buffered to disk. A kept
 * upload answers 303 to the lookup page, so that reloading or going Back and Forward never posts it again, and
 * no address in the browser's history holds the CSRF token.
 */
@Controller
class SubmitController {

    /** A browser that sends a form twice aborts the first request; this is how long the second waits to know. */
    private static final Duration WAIT_FOR_EARLIER = Duration.ofSeconds(20);

    private final StreamingSubmissionReceiver receiver;
    private final RecipientRegistry recipients;
    private final Translations translations;
    private final SessionLanguages languages;

    SubmitController(StreamingSubmissionReceiver receiver, RecipientRegistry recipients, Translations translations,
            SessionLanguages languages) {
        this.receiver = receiver;
        this.recipients = recipients;
        this.translations = translations;
        this.languages = languages;
    }

    @PostMapping("/submit")
    String submit(HttpServletRequest request, HttpServletResponse response, Model model,
            RedirectAttributes redirect) throws InterruptedException {
        // Taken now, not at the end: the session may time out during a long upload without losing it.
        String sourceId = SourceSession.currentSourceId().orElseThrow();
        HttpSession session = request.getSession(false);
        if (session == null) {
            throw new IllegalStateException("a logged-in source has a session");
        }
        if (!recipients.acceptsSubmissions()) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            model.addAttribute("problem", translations.text(languages.current(request), "reject.paused"));
            return "intake/submit-failed";
        }
        SubmissionTokens tokens = SubmissionTokens.of(session);
        String token = request.getParameter(SubmissionTokens.FIELD);
        switch (tokens.claim(token, WAIT_FOR_EARLIER)) {
            case SPENT, IN_FLIGHT -> {
                response.setStatus(HttpStatus.CONFLICT.value());
                return "intake/already-received";
            }
            case UNKNOWN -> {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                model.addAttribute("problem", translations.text(languages.current(request), "reject.staleForm"));
                return "intake/submit-failed";
            }
            case CLAIMED -> { }
        }
        StreamingSubmissionReceiver.Receipt receipt;
        try {
            receipt = receiver.receive(request, sourceId);
            tokens.spend(token);
        } catch (SubmissionRejected rejected) {
            tokens.release(token);
            Rejections.closeIfAsked(rejected, request);
            response.setStatus(rejected.status().value());
            model.addAttribute("problem", Rejections.text(rejected, translations, languages.current(request)));
            model.addAttribute("pickerPath", "/lookup");
            return "intake/submit-failed";
        } catch (RuntimeException e) {
            tokens.release(token);
            throw e;
        }
        if (request.getSession(false) == null) {
            // The session ended during a long upload: there is no page to redirect to, so confirm here.
            model.addAttribute("messages", receipt.messages());
            model.addAttribute("files", receipt.files());
            return "intake/submitted";
        }
        // See Other, not Found: the browser must fetch the next page with GET, never repeat this POST.
        request.setAttribute(View.RESPONSE_STATUS_ATTRIBUTE, HttpStatus.SEE_OTHER);
        redirect.addFlashAttribute("receivedMessages", receipt.messages());
        redirect.addFlashAttribute("receivedFiles", receipt.files());
        return "redirect:/lookup";
    }
}
