package org.postern.keys;

/** A key action the rules do not allow; the message says why, for the person who tried it. */
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

    public VettingRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
