package org.postern.accounts;

import java.time.LocalDate;

/** One enrolled security key or passkey as its owner sees it: never the public key itself. */
public record SecurityKey(String credentialId, String label, LocalDate createdOn, LocalDate lastUsedOn) {
}
