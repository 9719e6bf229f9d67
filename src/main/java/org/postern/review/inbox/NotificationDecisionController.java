package org.postern.review.inbox;

import org.postern.config.PosternProperties;
import org.postern.review.ConsoleUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Where an admin sees whether notifications are on, and records that they stay off on purpose. */
@Controller
class NotificationDecisionController {

    private final NotificationsOffByChoice offByChoice;
    private final boolean enabled;

    NotificationDecisionController(NotificationsOffByChoice offByChoice, PosternProperties properties) {
        this.offByChoice = offByChoice;
        this.enabled = properties.notifications().enabled();
    }

    @GetMapping("/admin/notifications")
    String show(Model model) {
        model.addAttribute("notificationsEnabled", enabled);
        model.addAttribute("offByChoice", offByChoice.isRecorded());
        return "review/admin/notifications";
    }

    @PostMapping("/admin/notifications")
    String set(@AuthenticationPrincipal ConsoleUser me,
            @RequestParam(name = "offByChoice", required = false) String value) {
        offByChoice.set("true".equals(value), me.actor());
        return "redirect:/admin/notifications?saved";
    }
}
