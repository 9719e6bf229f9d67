package org.postern.review.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.postern.accounts.Account;
import org.postern.accounts.AccountAdministration;
import org.postern.accounts.AccountAdministration.Change;
import org.postern.accounts.AccountAdministration.Confirmed;
import org.postern.accounts.AccountRepository;
import org.postern.accounts.AdminProposal;
import org.postern.accounts.Invitations;
import org.postern.accounts.ProposalRefused;
import org.postern.accounts.Role;
import org.postern.accounts.SecurityKeyRequirement;
import org.postern.review.ConsoleUser;
import org.postern.review.inbox.AdminDisabledNotice;
import org.postern.review.ConsoleText;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Admins invite people, disable accounts, reset second factors and may require security keys. Links are shown
 * once, to the admin only. Changes to the admins themselves may wait for a second admin's confirmation here.
 */
@Controller
class AdminAccountsController {

    private final AccountRepository accounts;
    private final AccountAdministration administration;
    private final Invitations invitations;
    private final SecurityKeyRequirement keysRequired;

    private final AdminDisabledNotice notice;
    private final ConsoleText text;

    AdminAccountsController(AccountRepository accounts, AccountAdministration administration,
            Invitations invitations, SecurityKeyRequirement keysRequired, AdminDisabledNotice notice,
            ConsoleText text) {
        this.notice = notice;
        this.text = text;
        this.keysRequired = keysRequired;
        this.accounts = accounts;
        this.administration = administration;
        this.invitations = invitations;
    }

    @GetMapping("/admin/accounts")
    String list(Model model) {
        model.addAttribute("accounts", accounts.findAll());
        model.addAttribute("keysRequired", keysRequired.isOn());
        model.addAttribute("proposals", administration.pendingProposals());
        model.addAttribute("twoPersonRule", administration.twoPersonRuleApplies());
        return "review/admin/accounts";
    }

    @PostMapping("/admin/accounts/security-keys")
    String requireSecurityKeys(@AuthenticationPrincipal ConsoleUser admin,
            @RequestParam(defaultValue = "false") boolean required, HttpServletResponse response, Model model) {
        if (!keysRequired.set(required, admin.accountId(), admin.username())) {
            return refuse(response, model, "accounts.refused.ownSecurityKeyFirst");
        }
        return "redirect:/admin/accounts";
    }

    @PostMapping("/admin/accounts/invite")
    String invite(@AuthenticationPrincipal ConsoleUser me, @RequestParam(defaultValue = "INVESTIGATOR") String role,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!"ADMIN".equals(role) && !"INVESTIGATOR".equals(role)) {
            return refuse(response, model, "accounts.refused.role");
        }
        Role chosen = "ADMIN".equals(role) ? Role.ADMIN : Role.INVESTIGATOR;
        String token;
        if (chosen == Role.ADMIN) {
            token = administration.inviteAdmin(me.accountId()).orElse(null);
            if (token == null) {
                return "redirect:/admin/accounts?proposed";
            }
        } else {
            token = invitations.create(chosen, me.username());
        }
        model.addAttribute("link", baseUrl(request) + "/invite/" + token);
        model.addAttribute("linkRole", chosen);
        return list(model);
    }

    @PostMapping("/admin/accounts/{id}/disable")
    String disable(@AuthenticationPrincipal ConsoleUser me, @PathVariable String id, HttpServletResponse response,
            Model model) {
        Account target = find(id);
        if (target == null || target.id().equals(me.accountId())) {
            return refuse(response, model, "accounts.refused.cannotDisable");
        }
        if (administration.disable(target.id(), me.accountId()) == Change.PROPOSED) {
            return "redirect:/admin/accounts?proposed";
        }
        if (target.role() == Role.ADMIN) {
            notice.adminDisabled(target.id());
        }
        return "redirect:/admin/accounts";
    }

    @PostMapping("/admin/accounts/{id}/enable")
    String enable(@AuthenticationPrincipal ConsoleUser me, @PathVariable String id, HttpServletResponse response,
            Model model) {
        Account target = find(id);
        if (target == null) {
            return refuse(response, model, "accounts.refused.noSuchAccount");
        }
        if (administration.enable(target.id(), me.accountId()) == Change.PROPOSED) {
            return "redirect:/admin/accounts?proposed";
        }
        return "redirect:/admin/accounts";
    }

    @PostMapping("/admin/accounts/proposals/{id}/confirm")
    String confirm(@AuthenticationPrincipal ConsoleUser me, @PathVariable String id, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        Confirmed confirmed;
        try {
            confirmed = administration.confirm(id, me.accountId());
        } catch (ProposalRefused refused) {
            return refuseWith(response, model, refused.messageKey());
        }
        AdminProposal proposal = confirmed.proposal();
        if (proposal.kind() == AdminProposal.Kind.DISABLE_ADMIN) {
            notice.adminDisabled(proposal.targetId());
        }
        if (confirmed.invitationToken() == null) {
            return "redirect:/admin/accounts";
        }
        model.addAttribute("link", baseUrl(request) + "/invite/" + confirmed.invitationToken());
        model.addAttribute("linkRole", Role.ADMIN);
        return list(model);
    }

    @PostMapping("/admin/accounts/proposals/{id}/cancel")
    String cancel(@AuthenticationPrincipal ConsoleUser me, @PathVariable String id, HttpServletResponse response,
            Model model) {
        try {
            administration.cancel(id, me.accountId());
        } catch (ProposalRefused refused) {
            return refuseWith(response, model, refused.messageKey());
        }
        return "redirect:/admin/accounts";
    }

    @PostMapping("/admin/accounts/{id}/reset-second-factor")
    String resetSecondFactor(@AuthenticationPrincipal ConsoleUser me, @PathVariable String id,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        Account target = find(id);
        if (target == null) {
            return refuse(response, model, "accounts.refused.noSuchAccount");
        }
        String token = administration.resetSecondFactor(target.id(), me.username());
        model.addAttribute("link", baseUrl(request) + "/reenrol/" + token);
        model.addAttribute("linkFor", target.username());
        return list(model);
    }

    private Account find(String id) {
        return id != null && id.matches("[0-9a-f]{32}") ? accounts.findById(id).orElse(null) : null;
    }

    /** {@code messageKey} names the refusal's sentence in the console bundle. */
    private String refuse(HttpServletResponse response, Model model, String messageKey) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("error", text.of(messageKey));
        return list(model);
    }

    private String refuseWith(HttpServletResponse response, Model model, String messageKey) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("errorKey", messageKey);
        return list(model);
    }

    /** The link as the admin's own browser reached the console: its onion address, or localhost. */
    private static String baseUrl(HttpServletRequest request) {
        String host = request.getHeader("Host");
        return "http://" + (host == null ? "localhost" : host.replaceAll("[^A-Za-z0-9.:\\-\\[\\]]", ""));
    }
}
