package org.postern.review.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.postern.organization.LogoImages;
import org.postern.organization.OrganizationProfile;
import org.postern.review.ConsoleText;
import org.postern.review.ConsoleUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Admins set the organization's name, logo, introduction and instructions for the source pages. Audited. */
@Controller
class OrganizationController {

    private final OrganizationProfile organization;
    private final ConsoleText text;

    OrganizationController(OrganizationProfile organization, ConsoleText text) {
        this.organization = organization;
        this.text = text;
    }

    @GetMapping("/admin/organization")
    String show(Model model) {
        OrganizationProfile.Profile p = organization.current();
        return page(model, p.name(), p.introduction(), p.instructions());
    }

    @PostMapping("/admin/organization")
    String save(@AuthenticationPrincipal ConsoleUser me, @RequestParam(name = "name", required = false) String name,
            @RequestParam(name = "introduction", required = false) String introduction,
            @RequestParam(name = "instructions", required = false) String instructions,
            HttpServletResponse response, Model model) {
        try {
            organization.setTexts(name, introduction, instructions, me.actor());
        } catch (OrganizationProfile.TextRefused refused) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("error", text.of(refused.messageKey(), refused.limit()));
            return page(model, name, introduction, instructions);
        }
        return "redirect:/admin/organization?saved";
    }

    @PostMapping("/admin/organization/logo")
    String uploadLogo(@AuthenticationPrincipal ConsoleUser me, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        try {
            byte[] png = LogoImages.reencode(LogoUploads.read(request));
            organization.setLogo(png, me.actor());
        } catch (LogoUploads.Unreadable | LogoImages.LogoRefused refused) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("logoError", refused instanceof LogoImages.LogoRefused logo
                    ? text.of(logo.messageKey(), logo.arguments())
                    : text.of(((LogoUploads.Unreadable) refused).messageKey()));
            OrganizationProfile.Profile p = organization.current();
            return page(model, p.name(), p.introduction(), p.instructions());
        }
        return "redirect:/admin/organization?logo";
    }

    @PostMapping("/admin/organization/logo/remove")
    String removeLogo(@AuthenticationPrincipal ConsoleUser me) {
        organization.removeLogo(me.actor());
        return "redirect:/admin/organization?saved";
    }

    /** The logo as sources see it, for the admin's preview. */
    @GetMapping("/admin/organization/logo")
    ResponseEntity<byte[]> logo() {
        return organization.logo()
                .map(png -> ResponseEntity.ok().contentType(MediaType.IMAGE_PNG)
                        .header("Content-Disposition", "inline").body(png))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).build());
    }

    private String page(Model model, String name, String introduction, String instructions) {
        model.addAttribute("name", name == null ? "" : name);
        model.addAttribute("introduction", introduction == null ? "" : introduction);
        model.addAttribute("instructions", instructions == null ? "" : instructions);
        model.addAttribute("hasLogo", organization.current().hasLogo());
        model.addAttribute("maxName", OrganizationProfile.MAX_NAME);
        model.addAttribute("maxText", OrganizationProfile.MAX_TEXT);
        return "review/admin/organization";
    }
}
