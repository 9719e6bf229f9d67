package org.postern.review.inbox;

import org.postern.review.ConsoleText;
import org.postern.review.ConsoleUser;
import jakarta.servlet.http.HttpServletResponse;

import org.postern.sources.Deletions;
import org.postern.sources.ReplyRepository;
import org.postern.sources.Source;
import org.postern.sources.Submission;
import org.postern.sources.SubmissionRepository;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Deleting one submission, or a source with everything of theirs. Each goes through a confirmation page whose
 * form needs a ticked box, so a stray click (or a replayed form without the box) deletes nothing.
 */
@Controller
class DeleteController {

    static final String VIEW = "review/confirm-delete";

    private final SourcePage page;
    private final SubmissionRepository submissions;
    private final ReplyRepository replies;
    private final Deletions deletions;

    private final ConsoleText text;

    DeleteController(SourcePage page, SubmissionRepository submissions, ReplyRepository replies,
            Deletions deletions, ConsoleText text) {
        this.text = text;
        this.page = page;
        this.submissions = submissions;
        this.replies = replies;
        this.deletions = deletions;
    }

    @GetMapping("/sources/{id}/submissions/{n}/delete")
    String confirmSubmission(@PathVariable("id") String id, @PathVariable("n") String n, Model model) {
        Source source = page.load(id);
        Submission submission = submissions.find(source.id(), PathIds.number(n)).orElseThrow(PathIds::notFound);
        return confirmSubmissionPage(source, submission, model);
    }

    @PostMapping("/sources/{id}/submissions/{n}/delete")
    String deleteSubmission(@AuthenticationPrincipal ConsoleUser me, @PathVariable("id") String id,
            @PathVariable("n") String n, @RequestParam(name = "confirm", required = false) String confirm,
            HttpServletResponse response, Model model) {
        Source source = page.load(id);
        Submission submission = submissions.find(source.id(), PathIds.number(n)).orElseThrow(PathIds::notFound);
        if (!"yes".equals(confirm)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", text.of("delete.tick"));
            return confirmSubmissionPage(source, submission, model);
        }
        if (!deletions.deleteSubmission(source.id(), submission.seq(), me.actor())) {
            throw PathIds.notFound();
        }
        return "redirect:/sources/" + source.id() + "?deleted=" + submission.seq();
    }

    @GetMapping("/sources/{id}/delete")
    String confirmSource(@PathVariable("id") String id, Model model) {
        return confirmSourcePage(page.load(id), model);
    }

    @PostMapping("/sources/{id}/delete")
    String deleteSource(@AuthenticationPrincipal ConsoleUser me, @PathVariable("id") String id,
            @RequestParam(name = "confirm", required = false) String confirm, HttpServletResponse response,
            Model model) {
        Source source = page.load(id);
        if (!"yes".equals(confirm)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", text.of("delete.tick"));
            return confirmSourcePage(source, model);
        }
        if (!deletions.deleteSource(source.id(), me.actor())) {
            throw PathIds.notFound();
        }
        return "redirect:/?deleted";
    }

    private String confirmSubmissionPage(Source source, Submission submission, Model model) {
        model.addAttribute("source", source);
        model.addAttribute("what", FileNames.submission(source.designation(), submission.seq()));
        model.addAttribute("action", "/sources/" + source.id() + "/submissions/" + submission.seq() + "/delete");
        model.addAttribute("wholeSource", false);
        return VIEW;
    }

    private String confirmSourcePage(Source source, Model model) {
        model.addAttribute("source", source);
        model.addAttribute("submissionCount", submissions.findBySource(source.id()).size());
        model.addAttribute("replyCount", replies.findBySource(source.id()).size());
        model.addAttribute("action", "/sources/" + source.id() + "/delete");
        model.addAttribute("wholeSource", true);
        return VIEW;
    }
}
