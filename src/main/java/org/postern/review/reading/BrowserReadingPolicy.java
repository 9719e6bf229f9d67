package org.postern.review.reading;

import java.util.Optional;

import org.postern.accounts.BrowserReadingChoices;
import org.postern.config.PosternProperties;
import org.postern.config.PosternProperties.BrowserDecryption;
import org.postern.recipients.KeyStatus;
import org.postern.recipients.KeyVetting;
import org.postern.recipients.VettedKey;
import org.springframework.stereotype.Component;

/**
 * Whether the console offers in-browser reading to someone: the organisation allows it and they turned it on.
 * It needs their approved key, because the browser refuses any private key that does not match it.
 */
@Component
public class BrowserReadingPolicy {

    private final PosternProperties.Console console;
    private final BrowserReadingChoices choices;
    private final KeyVetting vetting;

    BrowserReadingPolicy(PosternProperties properties, BrowserReadingChoices choices, KeyVetting vetting) {
        this.console = properties.console();
        this.choices = choices;
        this.vetting = vetting;
    }

    public boolean allowed() {
        return console.browserDecryption() == BrowserDecryption.ALLOWED;
    }

    public boolean activeFor(String accountId) {
        return allowed() && choices.isOn(accountId);
    }

    /** Above this encrypted size the console suggests gpg: OpenPGP.js holds a whole SEIPD v1 file in memory. */
    public long maxBytes() {
        return console.browserDecryptionMaxSize().toBytes();
    }

    /** The fingerprint of the person's approved key, the only key their browser may load. */
    public Optional<String> approvedFingerprint(String accountId) {
        return vetting.ownedBy(accountId).stream().filter(k -> k.status() == KeyStatus.APPROVED)
                .map(VettedKey::fingerprint).findFirst();
    }

    boolean chosen(String accountId) {
        return choices.isOn(accountId);
    }

    void choose(String accountId, boolean on) {
        choices.set(accountId, on);
    }

    java.util.List<String> usernamesOn() {
        return choices.usernamesOn();
    }
}
