package org.postern.review.account;

import jakarta.servlet.http.HttpServletResponse;

import org.postern.accounts.AccountAdministration;
import org.postern.review.ConsoleText;
import org.postern.review.ConsoleUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A person's own account: changing the password ends all of their sessions, this one included. */
@Controller
class AccountController {

    private final AccountAdministration administration;
    private final ConsoleText text;

    AccountController(AccountAdministration administration, ConsoleText text) {
        this.administration = administration;
        this.text = text;
    }

    @GetMapping("/account")
    String account() {
        return "review/account";
    }

    @PostMapping("/account/password")
    String changePassword(@AuthenticationPrincipal ConsoleUser me, @RequestParam(required = false) String current,
            @RequestParam(required = false) String replacement, HttpServletResponse response, Model model) {
        var problem = administration.changePassword(me.accountId(), current, replacement);
        if (problem.isPresent()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", text.of(problem.get()));
            return "review/account";
        }
        return "redirect:/login?password-changed";
    }
}
