package org.postern.review.inbox;

import org.postern.testing.GnuPG;
import org.postern.testing.GnuPGHomes;
import org.postern.testing.PosternTestServer;
import org.postern.testing.VettedKeys;

/**
 * An investigator's key protected by a passphrase, made by gpg in the investigator's own home: what in-browser
 * reading loads, as the armored secret key.
 */
record ReadingKey(GnuPG home, String fingerprint, String armoredSecret) {

    /** The key of the investigator {@code name}, made in that investigator's home among {@code homes}. */
    static ReadingKey ofInvestigator(GnuPGHomes homes, String name, String algo, String passphrase) {
        String uid = Character.toUpperCase(name.charAt(0)) + name.substring(1) + " <" + name + "@example.org>";
        return make(homes.of(name), uid, algo, passphrase);
    }

    /** {@code algo} is the primary key's, as {@link GnuPG#generateProtected} takes it. */
    static ReadingKey make(GnuPG home, String uid, String algo, String passphrase) {
        String fpr = home.generateProtected(uid, algo, passphrase);
        return new ReadingKey(home, fpr, home.exportSecretArmored(fpr, passphrase));
    }

    String armoredPublic() {
        return home.exportArmored(fingerprint);
    }

    /** The account {@code username} uploads the public key, and the first admin approves it. */
    ReadingKey approvedFor(PosternTestServer server, String username) {
        VettedKeys.uploadAndApprove(server, username, armoredPublic(), fingerprint, "ada");
        return this;
    }
}
