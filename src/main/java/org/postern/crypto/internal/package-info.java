/**
 * The OpenPGP machinery behind {@code crypto}'s public types: the streaming encryptor (SEIPD v1, AES-256 CFB
 * computed through the JDK's AES/CBC, the integrity check's SHA-1 on helper threads), Padmé padding with Marker
 * packets, safe literal names, the recipient key policy with its Curve25519 point check, and the module's beans
 * (the {@code SecureRandom} and the helper pool). Only {@code org.postern.crypto} uses it; the rest of Postern
 * goes through that package's types.
 */
package org.postern.crypto.internal;
