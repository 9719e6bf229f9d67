package org.postern.intake;

import org.postern.organization.OrganizationProfile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The organization's logo, served by Postern itself: a PNG the server drew, never the uploaded file. */
@Controller
class LogoController {

    private final OrganizationProfile organization;

    LogoController(OrganizationProfile organization) {
        this.organization = organization;
    }

    @GetMapping("/logo")
    ResponseEntity<byte[]> logo() {
        return organization.logo()
                .map(png -> ResponseEntity.ok().contentType(MediaType.IMAGE_PNG)
                        .header("Content-Disposition", "inline")
                        .header("Cross-Origin-Resource-Policy", "same-origin")
                        .body(png))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).build());
    }
}
