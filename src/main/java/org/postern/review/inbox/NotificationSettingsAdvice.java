package org.postern.review.inbox;

import org.postern.config.PosternProperties;
import org.postern.review.ConsoleUser;
import org.postern.sources.NotificationAddresses;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts the person's notification address on their account page ({@code review/account} includes the
 * {@code review/notifications} fragment), without the accounts feature knowing about notifications.
 */
@ControllerAdvice(basePackages = "org.postern.review.account")
class NotificationSettingsAdvice {

    private final NotificationAddresses addresses;
    private final boolean enabled;

    NotificationSettingsAdvice(NotificationAddresses addresses, PosternProperties properties) {
        this.addresses = addresses;
        this.enabled = properties.notifications().enabled();
    }

    @ModelAttribute
    void notificationSettings(Model model) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof ConsoleUser user) {
            model.addAttribute("notificationAddress", addresses.of(user.accountId()).orElse(""));
            model.addAttribute("notificationsEnabled", enabled);
        }
    }
}
