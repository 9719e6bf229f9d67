/**
 * Every cryptographic operation: OpenPGP encryption of submissions and replies as they stream, recipient key
 * parsing, codenames and their Argon2id derivations, reply keys, TOTP and password hashing, sealing, padding.
 * Only this module touches Bouncy Castle. It may use {@code config}.
 */
package org.postern.crypto;
