package org.postern.keys;

public enum KeyStatus {
    /** Awaiting an admin's out-of-band fingerprint check. */
    PENDING,
    /** Receives every new submission. */
    APPROVED
}
