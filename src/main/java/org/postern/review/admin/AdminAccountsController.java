package org.postern.review.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.postern.accounts.Account;
import org.postern.accounts.AccountAdministration;
import org.postern.accounts.AccountRepository;
import org.postern.accounts.Invitations;
import org.postern.accounts.Role;
import org.postern.accounts.SecurityKeyRequirement;
import org.postern.review.ConsoleUser;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Admins invite people, disable accounts, reset second factors and may require security keys. Links are shown once, to the admin only. */
@Controller
class AdminAccountsController {

    private final AccountRepository accounts;
    private final AccountAdministration administration;
    private final Invitations invitations;
    private final SecurityKeyRequirement keysRequired;

    AdminAccountsController(AccountRepository accounts, AccountAdministration administration,
            Invitations invitations, SecurityKeyRequirement keysRequired) {
        this.keysRequired = keysRequired;
        this.accounts = accounts;
        this.administration = administration;
        this.invitations = invitations;
    }

    @GetMapping("/admin/accounts")
    String list(Model model) {
        model.addAttribute("accounts", accounts.findAll());
        model.addAttribute("keysRequired", keysRequired.isOn());
        return "review/admin/accounts";
    }

    @PostMapping("/admin/accounts/security-keys")
    String requireSecurityKeys(@RequestParam(defaultValue = "false") boolean required, HttpServletResponse response,
            Model model) {
        ConsoleUser admin = ConsoleUser.current();
        if (!keysRequired.set(required, admin.accountId(), admin.username())) {
            return refuse(response, model, "Enrol a security key of your own under My account first.");
        }
        return "redirect:/admin/accounts";
    }

    @PostMapping("/admin/accounts/invite")
    String invite(@RequestParam(defaultValue = "INVESTIGATOR") String role, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        if (!"ADMIN".equals(role) && !"INVESTIGATOR".equals(role)) {
            return refuse(response, model, "Choose a role from the list.");
        }
        Role chosen = "ADMIN".equals(role) ? Role.ADMIN : Role.INVESTIGATOR;
        String token = invitations.create(chosen, ConsoleUser.current().username());
        model.addAttribute("link", baseUrl(request) + "/invite/" + token);
        model.addAttribute("linkRole", chosen);
        return list(model);
    }

    @PostMapping("/admin/accounts/{id}/disable")
    String disable(@PathVariable String id, HttpServletResponse response, Model model) {
        Account target = find(id);
        if (target == null || target.id().equals(ConsoleUser.current().accountId())) {
            return refuse(response, model, "You cannot disable this account.");
        }
        administration.disable(target.id(), ConsoleUser.current().username());
        return "redirect:/admin/accounts";
    }

    @PostMapping("/admin/accounts/{id}/enable")
    String enable(@PathVariable String id, HttpServletResponse response, Model model) {
        Account target = find(id);
        if (target == null) {
            return refuse(response, model, "No such account.");
        }
        administration.enable(target.id(), ConsoleUser.current().username());
        return "redirect:/admin/accounts";
    }

    @PostMapping("/admin/accounts/{id}/reset-second-factor")
    String resetSecondFactor(@PathVariable String id, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        Account target = find(id);
        if (target == null) {
            return refuse(response, model, "No such account.");
        }
        String token = administration.resetSecondFactor(target.id(), ConsoleUser.current().username());
        model.addAttribute("link", baseUrl(request) + "/reenrol/" + token);
        model.addAttribute("linkFor", target.username());
        return list(model);
    }

    private Account find(String id) {
        return id != null && id.matches("[0-9a-f]{32}") ? accounts.findById(id).orElse(null) : null;
    }

    private String refuse(HttpServletResponse response, Model model, String message) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("error", message);
        return list(model);
    }

    /** The link as the admin's own browser reached the console: its onion address, or localhost. */
    private static String baseUrl(HttpServletRequest request) {
        String host = request.getHeader("Host");
        return "http://" + (host == null ? "localhost" : host.replaceAll("[^A-Za-z0-9.:\\-\\[\\]]", ""));
    }
}
