package org.postern.review.inbox;

import java.io.IOException;
import java.util.List;

import org.postern.accounts.AccountRepository;
import org.postern.config.PosternProperties;
import org.postern.keys.RecipientRegistry;
import org.postern.onion.ClientAuthKeys;
import org.postern.onion.OnionHostnames;
import org.springframework.stereotype.Component;

/** What a new installation still lacks, shown on the empty inbox with a link to where each step is done. */
@Component
class FirstRunChecklist {

    /** One step; public for Thymeleaf. */
    public record Item(String text, boolean done, String link, String linkText) {
    }

    private final AccountRepository accounts;
    private final RecipientRegistry recipients;
    private final OnionHostnames onions;
    private final ClientAuthKeys devices;
    private final PosternProperties properties;

    FirstRunChecklist(AccountRepository accounts, RecipientRegistry recipients, OnionHostnames onions,
            ClientAuthKeys devices, PosternProperties properties) {
        this.accounts = accounts;
        this.recipients = recipients;
        this.onions = onions;
        this.devices = devices;
        this.properties = properties;
    }

    List<Item> items() {
        boolean notifications = properties.notifications().enabled();
        return List.of(
                new Item("An admin account exists.", accounts.anyAdmin(), "/admin/accounts", "Accounts"),
                new Item("An approved recipient key receives submissions.", recipients.acceptsSubmissions(),
                        "/admin/keys", "Keys"),
                new Item("Both onion addresses are configured.",
                        onions.source().isPresent() && onions.console().isPresent(), "/admin/devices", "Devices"),
                new Item("At least one investigator device holds a console client-authorization key.",
                        hasDevice(), "/admin/devices", "Devices"),
                new Item(notifications ? "E-mail notifications are on."
                        : "E-mail notifications are off (the default); each investigator may opt in once they are "
                                + "on. Leave them off deliberately if e-mail is too risky for you.",
                        true, "/account", "My account"));
    }

    private boolean hasDevice() {
        if (!devices.isConfigured()) {
            return false;
        }
        try {
            return !devices.list().isEmpty();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
