package org.postern.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.bouncycastle.bcpg.BCPGInputStream;
import org.bouncycastle.bcpg.Packet;
import org.bouncycastle.bcpg.PublicKeyEncSessionPacket;
import org.bouncycastle.bcpg.SymmetricEncDataPacket;
import org.bouncycastle.bcpg.SymmetricEncIntegrityPacket;

/**
 * A reply that an investigator's browser encrypted, checked for its shape before the server keeps it. The server
 * cannot read it, so it checks what it can: a binary OpenPGP message of exactly one version-3 PKESK for each
 * required key and no other, then one SEIPD v1 packet (integrity-protected with an MDC) and nothing after it,
 * within the size limit. Anything else is refused as a whole.
 */
public final class BrowserEncryptedReply {

    /** AES's 16-byte random prefix plus its 2 check bytes, and the 22-byte MDC packet. */
    private static final int MIN_SEIPD_BODY = 16 + 2 + 22;

    private final byte[] message;

    private BrowserEncryptedReply(byte[] message) {
        this.message = message.clone();
    }

    /** Checks a reply that must be encrypted to the source's reply key and to each of these recipients. */
    public static BrowserEncryptedReply check(byte[] message, ReplyPublicKey source, List<RecipientKey> recipients,
            long maxBytes) throws Refused {
        Map<Long, String> keys = new LinkedHashMap<>();
        keys.put(source.toPgp().getKeyID(), "");
        for (RecipientKey r : recipients) {
            keys.put(r.encryptionSubkey().getKeyID(), r.groupedFingerprint());
        }
        return check(message, keys, maxBytes);
    }

    /**
     * @param requiredKeys key id of each (sub)key the reply must be encrypted to, with a recipient key's grouped
     *     fingerprint, or empty for the source's reply key
     * @throws Refused with the reason, for the console to put in the investigator's language
     */
    static BrowserEncryptedReply check(byte[] message, Map<Long, String> requiredKeys, long maxBytes)
            throws Refused {
        if (message == null || message.length == 0) {
            throw new Refused("The encrypted reply is empty.", "browserReply.empty");
        }
        if (message.length > maxBytes) {
            throw new Refused("The encrypted reply is too large: at most " + maxBytes / 1024 + " KB.",
                    "browserReply.tooLarge", maxBytes / 1024);
        }
        Set<Long> seen = new HashSet<>();
        try (BCPGInputStream in = new BCPGInputStream(new ByteArrayInputStream(message))) {
            while (true) {
                Packet packet = in.readPacket();
                if (packet == null) {
                    throw new Refused("The reply holds no encrypted data.", "browserReply.noData");
                }
                if (packet instanceof PublicKeyEncSessionPacket pkesk) {
                    long keyId = pkesk.getKeyID();
                    if (pkesk.getVersion() != PublicKeyEncSessionPacket.VERSION_3) {
                        throw new Refused("The reply uses a session-key packet version that GnuPG 2.2 cannot read.",
                                "browserReply.sessionVersion");
                    }
                    if (!requiredKeys.containsKey(keyId)) {
                        throw new Refused("The reply is encrypted to a key that is not one of this source's "
                                + "recipients (" + hex(keyId) + ").", "browserReply.foreignKey", hex(keyId));
                    }
                    if (!seen.add(keyId)) {
                        throw new Refused("The reply names the key " + hex(keyId) + " twice.", "browserReply.keyTwice",
                                hex(keyId));
                    }
                    continue;
                }
                if (packet instanceof SymmetricEncIntegrityPacket seipd) {
                    if (seipd.getVersion() != SymmetricEncIntegrityPacket.VERSION_1) {
                        throw new Refused("The reply is not SEIPD version 1, which GnuPG 2.2 needs.",
                                "browserReply.notSeipd1");
                    }
                    long body = drain(seipd.getInputStream());
                    if (body < MIN_SEIPD_BODY) {
                        throw new Refused("The reply's encrypted data is truncated.", "browserReply.truncated");
                    }
                    if (in.read() != -1) {
                        throw new Refused("The reply has data after its encrypted data.", "browserReply.trailingData");
                    }
                    break;
                }
                if (packet instanceof SymmetricEncDataPacket) {
                    throw new Refused("The reply has no integrity protection (no MDC).", "browserReply.noMdc");
                }
                throw new Refused("The reply holds an unexpected OpenPGP packet.", "browserReply.unexpectedPacket");
            }
        } catch (IOException | RuntimeException e) {
            throw new Refused("The reply is not a well-formed binary OpenPGP message.", "browserReply.malformed");
        }
        for (Map.Entry<Long, String> required : requiredKeys.entrySet()) {
            if (!seen.contains(required.getKey())) {
                String fingerprint = required.getValue();
                throw fingerprint.isEmpty()
                        ? new Refused("The reply is not encrypted to the source's reply key. Reload the page: the "
                                + "recipients may have changed.", "browserReply.notToSource")
                        : new Refused("The reply is not encrypted to the recipient key " + fingerprint + ". Reload "
                                + "the page: the recipients may have changed.", "browserReply.notToRecipient",
                                fingerprint);
            }
        }
        return new BrowserEncryptedReply(message);
    }

    public byte[] bytes() {
        return message.clone();
    }

    public int length() {
        return message.length;
    }

    private static long drain(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0;) {
            total += n;
        }
        return total;
    }

    private static String hex(long keyId) {
        return String.format(Locale.ROOT, "%016X", keyId);
    }

    /** The reply was not kept: {@link #messageKey()} says why for the console, the message in English. */
    public static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;
        private final String messageKey;
        private final transient Object[] arguments;

        Refused(String message, String messageKey, Object... arguments) {
            super(message);
            this.messageKey = messageKey;
            this.arguments = arguments.clone();
        }

        public String messageKey() {
            return messageKey;
        }

        public Object[] arguments() {
            return arguments.clone();
        }
    }
}
