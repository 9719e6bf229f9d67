package org.postern.testing;

import org.postern.accounts.AccountRepository;
import org.postern.crypto.KeyRejectedException;
import org.postern.recipients.KeyVetting;
import org.postern.recipients.VettingRefused;

/**
 * Recipient keys put in place through the vetting service itself, without the key pages: for tests about what
 * happens once a key is approved. The key pages have tests of their own.
 */
public final class VettedKeys {

    private VettedKeys() {
    }

    /** The account {@code owner} uploads the key, and the admin {@code approver} approves it. */
    public static void uploadAndApprove(PosternTestServer server, String owner, String armored, String fingerprint,
            String approver) {
        KeyVetting vetting = server.bean(KeyVetting.class);
        try {
            vetting.upload(accountId(server, owner), armored);
            vetting.approve(fingerprint, accountId(server, approver));
        } catch (KeyRejectedException | VettingRefused e) {
            throw new IllegalStateException("the key of " + owner + " was not approved", e);
        }
    }

    private static String accountId(PosternTestServer server, String username) {
        return server.bean(AccountRepository.class).findByUsername(username).orElseThrow().id();
    }
}
