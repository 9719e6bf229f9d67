package org.postern.review.admin;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.postern.onion.ClientAuthKeys;
import org.postern.onion.DeviceAlreadyAuthorized;
import org.postern.onion.DeviceAuthorizations;
import org.postern.onion.DeviceCredential;
import org.postern.onion.OnionHostnames;
import org.postern.review.ConsoleText;
import org.postern.review.ConsoleUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Investigator devices allowed to reach the console onion: one Tor client-authorization key each, so one lost
 * laptop is revoked alone. The private key is shown once, here, and never stored.
 */
@Controller
class AdminDevicesController {

    private final ClientAuthKeys devices;
    private final DeviceAuthorizations authorizations;
    private final OnionHostnames onions;
    private final ConsoleText text;

    AdminDevicesController(ClientAuthKeys devices, DeviceAuthorizations authorizations, OnionHostnames onions,
            ConsoleText text) {
        this.text = text;
        this.devices = devices;
        this.authorizations = authorizations;
        this.onions = onions;
    }

    @GetMapping("/admin/devices")
    String list(Model model) {
        model.addAttribute("sourceOnion", onions.source().orElse(null));
        model.addAttribute("consoleOnion", onions.console().orElse(null));
        model.addAttribute("torConfigured", devices.isConfigured());
        if (!devices.isConfigured()) {
            model.addAttribute("devices", List.of());
            return "review/admin/devices";
        }
        try {
            model.addAttribute("devices", devices.list());
        } catch (IOException | RuntimeException e) {
            model.addAttribute("devices", List.of());
            model.addAttribute("error", text.of("devices.refused.unreadable"));
        }
        return "review/admin/devices";
    }

    @PostMapping("/admin/devices/add")
    String add(@AuthenticationPrincipal ConsoleUser me, @RequestParam(required = false) String name,
            HttpServletResponse response, Model model) {
        try {
            DeviceCredential credential = authorizations.authorize(name, me.actor());
            model.addAttribute("credential", credential);
        } catch (DeviceAlreadyAuthorized e) {
            return refuse(response, model, HttpStatus.CONFLICT, "devices.refused.exists");
        } catch (IllegalArgumentException e) {
            return refuse(response, model, HttpStatus.BAD_REQUEST, "devices.refused.name");
        } catch (IllegalStateException | IOException e) {
            return refuse(response, model, HttpStatus.SERVICE_UNAVAILABLE, "devices.refused.cannotAdd");
        }
        return list(model);
    }

    @PostMapping("/admin/devices/revoke")
    String revoke(@AuthenticationPrincipal ConsoleUser me, @RequestParam(required = false) String name,
            HttpServletResponse response, Model model) {
        try {
            if (!authorizations.revoke(name, me.actor())) {
                return refuse(response, model, HttpStatus.NOT_FOUND, "devices.refused.noSuchDevice");
            }
        } catch (IllegalArgumentException e) {
            return refuse(response, model, HttpStatus.NOT_FOUND, "devices.refused.noSuchDevice");
        } catch (IllegalStateException | IOException e) {
            return refuse(response, model, HttpStatus.SERVICE_UNAVAILABLE, "devices.refused.notWritable");
        }
        return "redirect:/admin/devices";
    }

    /** {@code messageKey} names the refusal's sentence in the console bundle. */
    private String refuse(HttpServletResponse response, Model model, HttpStatus status, String messageKey) {
        response.setStatus(status.value());
        String page = list(model);
        model.addAttribute("error", text.of(messageKey));
        return page;
    }
}
