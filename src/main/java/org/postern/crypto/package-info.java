/**
 * Every cryptographic operation, behind a small public API: streaming encryption of submissions and replies
 * ({@code SubmissionEncryptor}, {@code ReplyEncryptor}), recipient keys ({@code RecipientKeyParser},
 * {@code RecipientKey}), codenames and their Argon2id derivations ({@code Codename}, {@code CodenameKdf},
 * {@code SourceSecrets}, {@code Argon2Slots}), reply keys, sealing, random ids and {@code SecretBytes}. The OpenPGP
 * machinery behind it is in {@code crypto.internal}, which no other module may use. Only this module touches
 * Bouncy Castle. It may use {@code config}.
 */
package org.postern.crypto;
