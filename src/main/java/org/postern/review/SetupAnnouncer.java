package org.postern.review;

import org.postern.accounts.SetupTokens;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** When the console starts and no admin exists, a one-time setup token goes to the log. */
@Component
class SetupAnnouncer {

    private final SetupTokens tokens;

    SetupAnnouncer(SetupTokens tokens) {
        this.tokens = tokens;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        tokens.issueIfNoAdmin();
    }
}
