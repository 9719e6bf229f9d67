package org.postern.review.inbox;

import jakarta.servlet.http.HttpServletResponse;

import org.postern.review.ConsoleText;
import org.postern.review.ConsoleUser;
import org.postern.sources.Labels;
import org.postern.sources.Source;
import org.postern.sources.SourceStatus;
import org.postern.sources.Triage;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Status, assignee, labels and the investigator's own star, each changed by its own small form. */
@Controller
class TriageController {

    private final SourcePage page;
    private final Triage triage;
    private final ConsoleText text;

    TriageController(SourcePage page, Triage triage, ConsoleText text) {
        this.text = text;
        this.page = page;
        this.triage = triage;
    }

    @PostMapping("/sources/{id}/status")
    String status(@AuthenticationPrincipal ConsoleUser me, @PathVariable("id") String id,
            @RequestParam(name = "status", required = false) String status,
            HttpServletResponse response, Model model) {
        Source source = page.load(id);
        var chosen = SourceStatus.parse(status);
        if (chosen.isEmpty()) {
            return refuse(me, source, text.of("triage.status"), response, model);
        }
        triage.setStatus(source.id(), chosen.get());
        return back(source);
    }

    @PostMapping("/sources/{id}/star")
    String star(@AuthenticationPrincipal ConsoleUser me, @PathVariable("id") String id,
            @RequestParam(name = "starred", required = false) String starred) {
        Source source = page.load(id);
        triage.setStar(me.accountId(), source.id(), "true".equals(starred));
        return back(source);
    }

    @PostMapping("/sources/{id}/assignee")
    String assign(@AuthenticationPrincipal ConsoleUser me, @PathVariable("id") String id,
            @RequestParam(name = "assignee", required = false) String assignee,
            HttpServletResponse response, Model model) {
        Source source = page.load(id);
        if (assignee == null || assignee.isEmpty()) {
            triage.assign(source.id(), null);
            return back(source);
        }
        if (!PathIds.isAccountId(assignee) || !triage.assign(source.id(), assignee)) {
            return refuse(me, source, text.of("triage.assignee"), response, model);
        }
        return back(source);
    }

    @PostMapping("/sources/{id}/labels")
    String addLabel(@AuthenticationPrincipal ConsoleUser me, @PathVariable("id") String id,
            @RequestParam(name = "label", required = false) String label,
            HttpServletResponse response, Model model) {
        Source source = page.load(id);
        var normalized = Labels.normalize(label);
        if (normalized.isEmpty()) {
            return refuse(me, source, text.of("triage.labelInvalid", Labels.MAX_LENGTH), response, model);
        }
        return switch (triage.addLabel(source.id(), normalized.get())) {
            case ADDED, ALREADY_THERE -> back(source);
            case TOO_MANY -> refuse(me, source, text.of("triage.tooManyLabels", Labels.MAX_PER_SOURCE), response,
                    model);
            case NO_SOURCE -> throw PathIds.notFound();
        };
    }

    @PostMapping("/sources/{id}/labels/remove")
    String removeLabel(@PathVariable("id") String id, @RequestParam(name = "label", required = false) String label) {
        Source source = page.load(id);
        if (label != null) {
            triage.removeLabel(source.id(), label);
        }
        return back(source);
    }

    private static String back(Source source) {
        return "redirect:/sources/" + source.id();
    }

    private String refuse(ConsoleUser me, Source source, String message, HttpServletResponse response,
            Model model) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        page.fill(model, source, me.accountId());
        model.addAttribute("triageError", message);
        return SourcePage.VIEW;
    }
}
