package org.postern.recipients;

import org.postern.crypto.KeyRejectedException;

/**
 * A key action the rules do not allow. It carries a message key of the console bundle and its arguments, so that
 * the person who tried it reads why in their own language.
 */
public class VettingRefused extends Exception {

    public enum Reason {
        /** No such key, or not one the person may act on: the two look the same, so keys cannot be probed. */
        NO_SUCH_KEY,
        /** Another admin must approve an admin's own key. */
        TWO_PERSON_RULE,
        /** Only an enabled admin approves keys. */
        NOT_AN_ADMIN,
        /** The key is not in a state that allows this (already approved, one already pending, owner disabled). */
        CONFLICT,
        /** The key has stopped being valid (expired) since it was uploaded. */
        NO_LONGER_VALID
    }

    private final Reason reason;
    private final String messageKey;
    private final transient Object[] arguments;

    public VettingRefused(Reason reason, String messageKey, Object... arguments) {
        super(messageKey);
        this.reason = reason;
        this.messageKey = messageKey;
        this.arguments = arguments.clone();
    }

    /** A refusal for a reason the key parser gave. */
    static VettingRefused because(Reason reason, KeyRejectedException rejected) {
        return new VettingRefused(reason, rejected.consoleKey(), rejected.arguments());
    }

    /** A refusal because the key is registered already. */
    static VettingRefused because(Reason reason, DuplicateKeyRejected duplicate) {
        return new VettingRefused(reason, duplicate.messageKey(), duplicate.arguments());
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] arguments() {
        return arguments.clone();
    }

    public Reason reason() {
        return reason;
    }
}
