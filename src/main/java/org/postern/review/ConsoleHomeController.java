package org.postern.review;

import org.postern.config.PosternProperties;
import org.postern.keys.RecipientRegistry;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's front page. Accounts, login and the inbox arrive with issue #3. */
@Controller
class ConsoleHomeController {

    private final PosternProperties properties;
    private final RecipientRegistry recipients;

    ConsoleHomeController(PosternProperties properties, RecipientRegistry recipients) {
        this.properties = properties;
        this.recipients = recipients;
    }

    @GetMapping("/console")
    String home(Model model) {
        model.addAttribute("organizationName", properties.organizationName());
        model.addAttribute("recipientCount", recipients.activeRecipients().size());
        return "review/home";
    }
}
