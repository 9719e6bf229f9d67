package org.postern.crypto;

/**
 * Why a key cannot be a recipient, as a stable reason rather than a sentence: the console puts it in the
 * reader's language through its bundle key; the command line prints the exception's English message.
 */
public enum KeyRefusal {
    NO_KEY("keyRefused.noKey"),
    TOO_LARGE("keyRefused.tooLarge"),
    PRIVATE_KEY("keyRefused.privateKey"),
    NOT_A_KEY("keyRefused.notAKey"),
    MORE_THAN_ONE("keyRefused.moreThanOne"),
    OLD_VERSION("keyRefused.oldVersion"),
    REVOKED("keyRefused.revoked"),
    NO_SELF_SIGNATURE("keyRefused.noSelfSignature"),
    /** Argument: the day it expired, a {@link java.time.LocalDate}. */
    EXPIRED("keyRefused.expired"),
    UNBOUND_SUBKEY("keyRefused.unboundSubkey"),
    SUBKEY_REVOKED("keyRefused.subkeyRevoked"),
    /** Argument: the day it expired, a {@link java.time.LocalDate}. */
    SUBKEY_EXPIRED("keyRefused.subkeyExpired"),
    /** Arguments: the minimum and the key's size in bits. */
    RSA_TOO_SHORT("keyRefused.rsaTooShort"),
    /** Argument: the exponent, as digits. */
    RSA_EXPONENT("keyRefused.rsaExponent"),
    WEAK_POINT("keyRefused.weakPoint"),
    /** Argument: the minimum RSA size in bits. */
    UNSUPPORTED_ALGORITHM("keyRefused.unsupportedAlgorithm"),
    /** A key that simply is not for encryption; the parser looks on at the other keys of the certificate. */
    NOT_FOR_ENCRYPTION("keyRefused.noEncryptionSubkey"),
    NO_ENCRYPTION_SUBKEY("keyRefused.noEncryptionSubkey");

    private final String messageKey;

    KeyRefusal(String messageKey) {
        this.messageKey = messageKey;
    }

    /** The console bundle's key for this reason. */
    public String messageKey() {
        return messageKey;
    }
}
