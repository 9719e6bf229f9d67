package org.postern.review.reading;

import java.util.List;

/**
 * What a console page needs to offer in-browser reading: {@code active} when allowed and chosen, the approved
 * fingerprint the browser checks a loaded key against (null without one), and for admins who has it on.
 */
public record BrowserReadingView(boolean allowed, boolean chosen, long maxBytes, String approvedFingerprint,
        List<String> usernamesOn) {

    public BrowserReadingView {
        usernamesOn = List.copyOf(usernamesOn);
    }

    public boolean active() {
        return allowed && chosen;
    }

    public long maxMegabytes() {
        return maxBytes / (1024 * 1024);
    }
}
