package org.postern.intake;

import org.postern.config.PosternProperties;
import org.postern.organization.OrganizationProfile;
import org.postern.web.HumanSizes;
import org.springframework.ui.Model;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every source page shows, and the one binding rule: sources bind no objects from requests. */
@ControllerAdvice(basePackageClasses = IntakeModelAdvice.class)
class IntakeModelAdvice {

    private final PosternProperties properties;
    private final OrganizationProfile organization;

    IntakeModelAdvice(PosternProperties properties, OrganizationProfile organization) {
        this.properties = properties;
        this.organization = organization;
    }

    @InitBinder
    void disallowBinding(WebDataBinder binder) {
        binder.setDisallowedFields("*");
    }

    @ModelAttribute
    void common(Model model) {
        OrganizationProfile.Profile profile = organization.current();
        model.addAttribute("organizationName", profile.name());
        model.addAttribute("organization", profile);
        model.addAttribute("maxUpload", HumanSizes.format(properties.source().maxUploadBytes().toBytes()));
        model.addAttribute("loggedIn", SourceSession.currentSourceId().isPresent());
    }
}
