package org.postern.intake;

import org.postern.config.PosternProperties;
import jakarta.servlet.http.HttpServletRequest;

import org.postern.i18n.Formats;
import org.postern.i18n.Language;
import org.postern.i18n.SessionLanguages;
import org.postern.organization.OrganizationProfile;
import org.springframework.ui.Model;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every source page shows, and the one binding rule: sources bind no objects from requests. */
@ControllerAdvice(basePackageClasses = IntakeModelAdvice.class)
class IntakeModelAdvice {

    private final PosternProperties properties;
    private final SessionLanguages languages;
    private final OrganizationProfile organization;

    IntakeModelAdvice(PosternProperties properties, SessionLanguages languages, OrganizationProfile organization) {
        this.properties = properties;
        this.languages = languages;
        this.organization = organization;
    }

    @InitBinder
    void disallowBinding(WebDataBinder binder) {
        binder.setDisallowedFields("*");
    }

    @ModelAttribute
    void common(Model model, HttpServletRequest request) {
        Language language = languages.current(request);
        OrganizationProfile.Profile profile = organization.current();
        model.addAttribute("organizationName", profile.name());
        model.addAttribute("organization", profile);
        model.addAttribute("maxUpload",
                Formats.isolate(Formats.size(properties.source().maxUploadBytes().toBytes(), language), language));
        model.addAttribute("maxResumable",
                Formats.isolate(Formats.size(properties.resumable().maxUploadBytes().toBytes(), language), language));
        model.addAttribute("loggedIn", SourceSession.currentSourceId().isPresent());
    }
}
