package org.postern.review.inbox;

import java.io.IOException;
import java.util.List;

import org.postern.accounts.AccountRepository;
import org.postern.config.PosternProperties;
import org.postern.recipients.RecipientRegistry;
import org.postern.onion.ClientAuthKeys;
import org.postern.onion.OnionHostnames;
import org.springframework.stereotype.Component;

/** What a new installation still lacks, shown on the empty inbox with a link to where each step is done. */
@Component
class FirstRunChecklist {

    /** One step; public for Thymeleaf. Its text and its link's text are console message keys. */
    public record Item(String textKey, boolean done, String link, String linkKey) {
    }

    private final AccountRepository accounts;
    private final RecipientRegistry recipients;
    private final OnionHostnames onions;
    private final ClientAuthKeys devices;
    private final PosternProperties properties;
    private final NotificationsOffByChoice offByChoice;

    FirstRunChecklist(AccountRepository accounts, RecipientRegistry recipients, OnionHostnames onions,
            ClientAuthKeys devices, PosternProperties properties, NotificationsOffByChoice offByChoice) {
        this.offByChoice = offByChoice;
        this.accounts = accounts;
        this.recipients = recipients;
        this.onions = onions;
        this.devices = devices;
        this.properties = properties;
    }

    List<Item> items() {
        return List.of(
                new Item("checklist.admin", accounts.anyAdmin(), "/admin/accounts", "nav.accounts"),
                new Item("checklist.recipientKey", recipients.acceptsSubmissions(), "/admin/keys", "nav.keys"),
                new Item("checklist.onions", onions.source().isPresent() && onions.console().isPresent(),
                        "/admin/devices", "nav.devices"),
                new Item("checklist.device", hasDevice(), "/admin/devices", "nav.devices"),
                notifications());
    }

    /** Done when the server sends notifications, or when an admin recorded that they stay off on purpose. */
    private Item notifications() {
        String key = properties.notifications().enabled() ? "checklist.notificationsOn"
                : offByChoice.isRecorded() ? "checklist.notificationsOffByChoice" : "checklist.notificationsUndecided";
        return new Item(key, !"checklist.notificationsUndecided".equals(key), "/admin/notifications", "notify.title");
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
