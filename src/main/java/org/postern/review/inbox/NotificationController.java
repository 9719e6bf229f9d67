package org.postern.review.inbox;

import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.servlet.http.HttpServletResponse;

import org.postern.config.PosternProperties;
import org.postern.review.ConsoleUser;
import org.postern.sources.NotificationAddresses;
import org.postern.review.ConsoleText;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Each person opts in to "new submissions" e-mail on their own account page, or out by clearing the address. */
@Controller
class NotificationController {

    static final int MAX_ADDRESS = 254;
    /** One plain mailbox: no display name, no list, nothing that could carry a second header line. */
    private static final Pattern PLAIN = Pattern.compile("[^\\s@<>,;:\"()\\[\\]\\\\]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

    private final NotificationAddresses addresses;
    private final boolean enabled;

    private final ConsoleText text;

    NotificationController(NotificationAddresses addresses, PosternProperties properties, ConsoleText text) {
        this.addresses = addresses;
        this.text = text;
        this.enabled = properties.notifications().enabled();
    }

    @PostMapping("/account/notifications")
    String set(@AuthenticationPrincipal ConsoleUser user,
            @RequestParam(name = "address", required = false) String address, HttpServletResponse response,
            Model model) {
        String me = user.accountId();
        String value = address == null ? "" : address.strip();
        if (value.isEmpty()) {
            addresses.set(me, null);
            return "redirect:/account?notifications-saved";
        }
        Optional<String> valid = valid(value);
        if (valid.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("notificationError", text.of("notify.refused.address"));
            model.addAttribute("notificationAddress", value.length() > MAX_ADDRESS ? "" : value);
            model.addAttribute("notificationsEnabled", enabled);
            return "review/account";
        }
        addresses.set(me, valid.get());
        return "redirect:/account?notifications-saved";
    }

    static Optional<String> valid(String value) {
        if (value.length() > MAX_ADDRESS || !PLAIN.matcher(value).matches()) {
            return Optional.empty();
        }
        try {
            InternetAddress parsed = new InternetAddress(value, true);
            parsed.validate();
            return Optional.of(parsed.getAddress());
        } catch (AddressException e) {
            return Optional.empty();
        }
    }
}
