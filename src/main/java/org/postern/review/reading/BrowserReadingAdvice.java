package org.postern.review.reading;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.postern.review.ConsoleUser;
import org.postern.review.ReviewWebApplication;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts {@code browserReading} on the pages that offer or report it: My account, a source's page, Accounts. */
@ControllerAdvice(basePackageClasses = ReviewWebApplication.class)
class BrowserReadingAdvice {

    private final BrowserReadingPolicy policy;

    BrowserReadingAdvice(BrowserReadingPolicy policy) {
        this.policy = policy;
    }

    @ModelAttribute
    void browserReading(HttpServletRequest request, Model model) {
        String path = request.getRequestURI();
        if (!(path.equals("/account") || path.startsWith("/sources/") || path.equals("/admin/accounts"))) {
            return;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof ConsoleUser user)) {
            return;
        }
        List<String> usersOn = user.isAdmin() && path.equals("/admin/accounts")
                ? policy.usernamesOn() : List.of();
        model.addAttribute("browserReading", new BrowserReadingView(policy.allowed(),
                policy.chosen(user.accountId()), policy.maxBytes(),
                policy.approvedFingerprint(user.accountId()).orElse(null), usersOn));
    }
}
