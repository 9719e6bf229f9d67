package org.postern.review;

import org.postern.organization.OrganizationProfile;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page shows, and the binding rule: controllers read named parameters, never bind objects. */
@ControllerAdvice(basePackageClasses = ConsoleModelAdvice.class)
class ConsoleModelAdvice {

    private final OrganizationProfile organization;

    ConsoleModelAdvice(OrganizationProfile organization) {
        this.organization = organization;
    }

    @InitBinder
    void disallowBinding(WebDataBinder binder) {
        binder.setDisallowedFields("*");
    }

    @ModelAttribute
    void common(Model model) {
        model.addAttribute("organizationName", organization.current().name());
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        model.addAttribute("user", auth != null && auth.getPrincipal() instanceof ConsoleUser u ? u : null);
    }
}
