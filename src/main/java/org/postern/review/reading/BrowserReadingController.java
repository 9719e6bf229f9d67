package org.postern.review.reading;

import org.postern.review.ConsoleUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Each investigator turns in-browser reading on or off for themselves, unless the organisation forbids it. */
@Controller
class BrowserReadingController {

    private final BrowserReadingPolicy policy;

    BrowserReadingController(BrowserReadingPolicy policy) {
        this.policy = policy;
    }

    @PostMapping("/account/browser-reading")
    String choose(@AuthenticationPrincipal ConsoleUser me, @RequestParam(name = "on", required = false) String on) {
        boolean wanted = "true".equals(on);
        if (wanted && !policy.allowed()) {
            return "redirect:/account?browser-reading-forbidden";
        }
        policy.choose(me.accountId(), wanted);
        return "redirect:/account?browser-reading=" + (wanted ? "on" : "off") + "#browser-reading";
    }
}
