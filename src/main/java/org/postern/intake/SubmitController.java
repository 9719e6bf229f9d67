package org.postern.intake;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.postern.intake.internal.StreamingSubmissionReceiver;
import org.postern.intake.internal.SubmissionRejected;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;

/** Receives a submission as a stream: every part is encrypted as it arrives; nothing is buffered to disk. */
@Controller
class SubmitController {

    private final StreamingSubmissionReceiver receiver;

    SubmitController(StreamingSubmissionReceiver receiver) {
        this.receiver = receiver;
    }

    @PostMapping("/submit")
    String submit(HttpServletRequest request, HttpServletResponse response, Model model) {
        // Taken now, not at the end: the session may time out during a long upload without losing it.
        String sourceId = SourceSession.currentSourceId().orElseThrow();
        try {
            StreamingSubmissionReceiver.Receipt receipt = receiver.receive(request, sourceId);
            model.addAttribute("messages", receipt.messages());
            model.addAttribute("files", receipt.files());
            return "intake/submitted";
        } catch (SubmissionRejected rejected) {
            response.setStatus(rejected.status().value());
            model.addAttribute("problem", rejected.getMessage());
            return "intake/submit-failed";
        }
    }
}
