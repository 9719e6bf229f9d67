package org.postern.review.inbox;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's front page. */
@Controller
class InboxController {

    @GetMapping("/")
    String inbox() {
        return "review/inbox";
    }
}
