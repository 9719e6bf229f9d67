package org.postern.review.inbox;

import jakarta.servlet.http.HttpServletResponse;

import org.postern.sources.RetentionSettings;
import org.postern.review.ConsoleText;
import org.postern.review.ConsoleUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Admins set how long submissions and replies are kept; {@link RetentionJob} does the deleting. */
@Controller
class RetentionController {

    private final RetentionSettings settings;

    private final ConsoleText text;

    RetentionController(RetentionSettings settings, ConsoleText text) {
        this.text = text;
        this.settings = settings;
    }

    @GetMapping("/admin/retention")
    String show(Model model) {
        return page(model, settings.days().isPresent() ? Integer.toString(settings.days().getAsInt()) : "");
    }

    @PostMapping("/admin/retention")
    String set(@AuthenticationPrincipal ConsoleUser me, @RequestParam(name = "days", required = false) String days,
            HttpServletResponse response, Model model) {
        String value = days == null ? "" : days.strip();
        if (!value.isEmpty()
                && (!value.matches("[0-9]{1,6}") || Integer.parseInt(value) > RetentionSettings.MAX_DAYS)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", text.of("retention.refused", RetentionSettings.MAX_DAYS));
            return page(model, "");
        }
        int chosen = value.isEmpty() ? 0 : Integer.parseInt(value);
        settings.setDays(chosen, me.actor());
        return "redirect:/admin/retention?saved";
    }

    private String page(Model model, String days) {
        model.addAttribute("days", days);
        model.addAttribute("maxDays", RetentionSettings.MAX_DAYS);
        return "review/admin/retention";
    }
}
