package org.postern.review.inbox;

import org.postern.review.ConsoleUser;
import org.postern.sources.SeenMarks;
import org.postern.sources.Source;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** A source's page: submissions and replies in order, triage, reply form. Opening it marks what it shows as seen. */
@Controller
class SourceController {

    private final SourcePage page;
    private final SeenMarks seen;

    SourceController(SourcePage page, SeenMarks seen) {
        this.page = page;
        this.seen = seen;
    }

    @GetMapping("/sources/{id}")
    String show(@AuthenticationPrincipal ConsoleUser user, @PathVariable("id") String id, Model model) {
        Source source = page.load(id);
        String me = user.accountId();
        int shownThrough = page.fill(model, source, me);
        seen.markSeenThrough(me, source.id(), shownThrough);
        return SourcePage.VIEW;
    }
}
