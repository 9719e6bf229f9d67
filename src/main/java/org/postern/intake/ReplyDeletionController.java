package org.postern.intake;

import jakarta.servlet.http.HttpServletRequest;

import org.postern.sources.Deletions;
import org.postern.sources.ReplyRepository;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.server.ResponseStatusException;

/** A source deletes a reply it has read, after a confirmation: the row and the encrypted blob go. */
@Controller
class ReplyDeletionController {

    private final ReplyRepository replies;
    private final Deletions deletions;

    ReplyDeletionController(ReplyRepository replies, Deletions deletions) {
        this.replies = replies;
        this.deletions = deletions;
    }

    @GetMapping("/replies/{id}/delete")
    String confirm(@PathVariable("id") String id, Model model) {
        String sourceId = SourceSession.currentSourceId().orElseThrow();
        boolean own = replies.findBySource(sourceId).stream().anyMatch(r -> r.id().equals(id));
        if (!own) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("replyId", id);
        return "intake/delete-reply";
    }

    @PostMapping("/replies/{id}/delete")
    String delete(@PathVariable("id") String id, HttpServletRequest request, RedirectAttributes redirect) {
        String sourceId = SourceSession.currentSourceId().orElseThrow();
        if (!deletions.deleteReplyBySource(sourceId, id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        request.setAttribute(View.RESPONSE_STATUS_ATTRIBUTE, HttpStatus.SEE_OTHER);
        redirect.addFlashAttribute("replyDeleted", true);
        return "redirect:/lookup";
    }
}
