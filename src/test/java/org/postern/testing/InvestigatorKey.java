package org.postern.testing;

/** The investigator's key the server encrypts to: made by the real gpg, added with {@code recipients add}. */
public record InvestigatorKey(String fingerprint, GnuPG gpg) {
}
