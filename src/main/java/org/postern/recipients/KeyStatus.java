package org.postern.recipients;

public enum KeyStatus {
    /** Awaiting an admin's out-of-band fingerprint check. */
    PENDING,
    /** Receives every new submission. */
    APPROVED,
    /** Replaced or removed: receives nothing, kept only while some blob was encrypted to it. */
    RETIRED
}
