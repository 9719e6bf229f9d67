package org.postern.review.inbox;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.postern.recipients.RecipientRegistry;
import org.postern.review.ConsoleText;
import org.postern.review.ConsoleUser;
import org.postern.sources.ReplyService;
import org.postern.sources.Source;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A reply to a source: encrypted at once to the source's reply key and to the recipients by {@link ReplyService};
 * the console keeps no copy of the text. The source reads it at their next login.
 */
@Controller
class ReplyController {

    static final int MAX_REPLY_BYTES = 100 * 1024;

    private final SourcePage page;
    private final ReplyService replies;
    private final RecipientRegistry recipients;

    private final ConsoleText words;

    ReplyController(SourcePage page, ReplyService replies, RecipientRegistry recipients,
            ConsoleText words) {
        this.words = words;
        this.page = page;
        this.replies = replies;
        this.recipients = recipients;
    }

    @PostMapping("/sources/{id}/reply")
    String reply(@AuthenticationPrincipal ConsoleUser me, @PathVariable("id") String id,
            @RequestParam(name = "text", required = false) String text, HttpServletResponse response, Model model) {
        Source source = page.load(id);
        if (text == null || text.isBlank()) {
            return refuse(me, source, HttpStatus.BAD_REQUEST, words.of("reply.empty"),
                    text, response, model);
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_REPLY_BYTES) {
            return refuse(me, source, HttpStatus.BAD_REQUEST, words.of("reply.tooLong"), text, response,
                    model);
        }
        if (!recipients.acceptsSubmissions()) {
            return refuse(me, source, HttpStatus.CONFLICT, words.of("reply.noKey"), text, response, model);
        }
        // Empty when the source was deleted while the reply was being written.
        replies.send(source.id(), text, me.actor()).orElseThrow(PathIds::notFound);
        return "redirect:/sources/" + source.id() + "?replied";
    }

    private String refuse(ConsoleUser me, Source source, HttpStatus status, String message, String text,
            HttpServletResponse response, Model model) {
        response.setStatus(status.value());
        page.fill(model, source, me.accountId());
        model.addAttribute("replyError", message);
        model.addAttribute("replyText", text == null || text.length() > MAX_REPLY_BYTES ? "" : text);
        return SourcePage.VIEW;
    }
}
