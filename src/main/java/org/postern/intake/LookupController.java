package org.postern.intake;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.postern.config.PosternProperties;
import org.postern.crypto.RandomIds;
import org.postern.crypto.SourceReplyKey;
import org.postern.recipients.RecipientRegistry;
import org.postern.sources.ReplyService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** A logged-in source's page: replies, decrypted in memory with the session's reply key, and the upload form. */
@Controller
class LookupController {

    private final ReplyService replies;
    private final RecipientRegistry recipients;
    private final RandomIds ids;
    private final PosternProperties.Resumable resumable;

    LookupController(ReplyService replies, RecipientRegistry recipients, RandomIds ids, PosternProperties properties) {
        this.resumable = properties.resumable();
        this.replies = replies;
        this.recipients = recipients;
        this.ids = ids;
    }

    @GetMapping("/lookup")
    String lookup(HttpServletRequest request, Model model) {
        Optional<String> sourceId = SourceSession.currentSourceId();
        Optional<SourceReplyKey> key = SourceSession.replyKey(request);
        if (sourceId.isEmpty() || key.isEmpty()) {
            return "redirect:/login";
        }
        model.addAttribute("replies", replies.readAll(sourceId.get(), key.get()));
        boolean accepting = recipients.acceptsSubmissions();
        model.addAttribute("accepting", accepting);
        // The page that may run script, and only when it can be used (see IntakeSecurity's CSP).
        model.addAttribute("resumableUploads", accepting && resumable.enabled());
        model.addAttribute("maxResumableBytes", resumable.maxUploadBytes().toBytes());
        if (accepting) {
            String token = ids.next();
            SubmissionTokens.of(request.getSession()).issue(token);
            model.addAttribute("submissionToken", token);
        }
        model.addAttribute("newSource", request.getParameter("new") != null);
        return "intake/lookup";
    }
}
