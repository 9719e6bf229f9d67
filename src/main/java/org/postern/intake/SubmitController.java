package org.postern.intake;

import java.util.Arrays;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.postern.i18n.Formats;
import org.postern.i18n.Language;
import org.postern.i18n.SessionLanguages;
import org.postern.i18n.Translations;
import org.postern.intake.internal.StreamingSubmissionReceiver;
import org.postern.intake.internal.SubmissionRejected;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;

/** Receives a submission as a stream: every part is encrypted as it arrives; nothing is buffered to disk. */
@Controller
class SubmitController {

    private final StreamingSubmissionReceiver receiver;
    private final Translations translations;
    private final SessionLanguages languages;

    SubmitController(StreamingSubmissionReceiver receiver, Translations translations, SessionLanguages languages) {
        this.receiver = receiver;
        this.translations = translations;
        this.languages = languages;
    }

    @PostMapping("/submit")
    String submit(HttpServletRequest request, HttpServletResponse response, Model model) {
        // Taken now, not at the end: the session may time out during a long upload without losing it.
        String sourceId = SourceSession.currentSourceId().orElseThrow();
        try {
            StreamingSubmissionReceiver.Receipt receipt = receiver.receive(request, sourceId);
            model.addAttribute("messages", receipt.messages());
            model.addAttribute("files", receipt.files());
            model.addAttribute("pickerPath", "/lookup");
            return "intake/submitted";
        } catch (SubmissionRejected rejected) {
            response.setStatus(rejected.status().value());
            Language language = languages.current(request);
            Object[] arguments = Arrays.stream(rejected.arguments())
                    .map(a -> a instanceof SubmissionRejected.Size size
                            ? Formats.isolate(Formats.size(size.bytes(), language)) : a)
                    .toArray();
            model.addAttribute("problem", translations.text(language, rejected.messageKey(), arguments));
            model.addAttribute("pickerPath", "/lookup");
            return "intake/submit-failed";
        }
    }
}
