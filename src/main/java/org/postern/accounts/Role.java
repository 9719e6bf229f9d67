package org.postern.accounts;

public enum Role {
    /** Manages accounts, keys, settings; can also do everything an investigator does. */
    ADMIN,
    /** Reads and answers submissions. */
    INVESTIGATOR
}
