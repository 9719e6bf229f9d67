package org.postern;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What each file and each database column of a seized server is, and why it may be there. The test fails on
 * anything not listed here: a new table, column or file must be classified (and justified) first.
 */
final class SeizedClassification {

    private SeizedClassification() {
    }

    enum FileClass {
        /** OpenPGP ciphertext: PKESK packets, then one SEIPD packet that runs to the end; nothing else. */
        BLOB("store/[0-9a-f]{32}"),
        /** 32 random bytes each; they make a copy of the database alone useless for testing codenames. */
        PEPPER("secrets/(lookup|reply)-pepper"),
        /** 32 random bytes that open the sealed TOTP secrets; kept outside the database on purpose. */
        SEAL_KEY("secrets/database-seal-key"),
        /** The H2 database; read column by column below. */
        DATABASE("db/postern\\.mv\\.db"),
        /** H2's own error trace, written only when H2 hits an error; scanned for content like every file. */
        DATABASE_TRACE("db/postern\\.trace\\.db"),
        /** Device public keys for the console onion's client authorization: public halves only. */
        DEVICE_PUBLIC_KEY("tor/authorized_clients/[a-z0-9_-]+\\.auth");

        private final Pattern path;

        FileClass(String path) {
            this.path = Pattern.compile(path);
        }

        /** Null when the file is what its class says. */
        String check(Path file) throws IOException {
            return switch (this) {
                case BLOB -> OpenPgpShape.problem(file);
                case PEPPER -> Files.size(file) == 32 ? null : "a pepper is 32 bytes";
                case SEAL_KEY -> Files.size(file) == 32 ? null : "the seal key is 32 bytes";
                case DEVICE_PUBLIC_KEY -> SeizedServerTest.text(file).strip()
                        .matches("descriptor:x25519:[A-Z2-7]{52}") ? null : "not a client-authorization public key";
                case DATABASE, DATABASE_TRACE -> null;
            };
        }
    }

    static FileClass fileClass(String relativePath) {
        for (FileClass kind : FileClass.values()) {
            if (kind.path.matcher(relativePath).matches()) {
                return kind;
            }
        }
        return null;
    }

    /** A column's kind of value and the test each of its values must pass. */
    record ColumnClass(String kind, Predicate<String> test, String why) {
        boolean accepts(String value) {
            return test.test(value);
        }

        @Override
        public String toString() {
            return kind;
        }
    }

    private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern HEX40 = Pattern.compile("[0-9A-F]{40}");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern HEX_BYTES = Pattern.compile("([0-9a-f]{2})+");
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,31}");
    /** C0 controls but tab and newline, DEL, C1 controls, and the bidi overrides and isolates. */
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069]");

    private static ColumnClass randomId(String why) {
        return new ColumnClass("random id", v -> HEX32.matcher(v).matches(), why);
    }

    private static ColumnClass day(String why) {
        return new ColumnClass("day", v -> LocalDate.parse(v) != null, why);
    }

    private static ColumnClass staffTime(String why) {
        return new ColumnClass("precise staff time", v -> LocalDateTime.parse(v.replace(' ', 'T')) != null, why);
    }

    private static ColumnClass number(String why) {
        return new ColumnClass("number", v -> v.matches("-?\\d+"), why);
    }

    private static ColumnClass flag(String why) {
        return new ColumnClass("flag", v -> v.equals("TRUE") || v.equals("FALSE") || v.equals("true")
                || v.equals("false"), why);
    }

    private static ColumnClass oneOf(String why, String... values) {
        return new ColumnClass("one of " + String.join("/", values), v -> java.util.Arrays.asList(values).contains(v),
                why);
    }

    private static ColumnClass hash(String why) {
        return new ColumnClass("SHA-256 hex", v -> HEX64.matcher(v).matches(), why);
    }

    private static ColumnClass base64url(String why) {
        return new ColumnClass("base64url", v -> v.matches("[A-Za-z0-9_-]+={0,2}"), why);
    }

    /** A COSE key or a WebAuthn attestation object (read as hex): a CBOR map, so never free text or a file. */
    private static ColumnClass cborMap(String why) {
        return new ColumnClass("CBOR map", v -> HEX_BYTES.matcher(v).matches() && v.length() <= 8192
                && Integer.parseInt(v.substring(0, 2), 16) >= 0xa1 && Integer.parseInt(v.substring(0, 2), 16) <= 0xbf,
                why);
    }

    /** WebAuthn's client data (read as hex): the JSON a browser signs at enrolment, nothing else. */
    private static ColumnClass clientDataJson(String why) {
        return new ColumnClass("WebAuthn client data JSON", v -> {
            if (!HEX_BYTES.matcher(v).matches()) {
                return false;
            }
            String json = new String(java.util.HexFormat.of().parseHex(v), java.nio.charset.StandardCharsets.UTF_8);
            return json.startsWith("{") && json.contains("\"type\":\"webauthn.create\"")
                    && json.contains("\"challenge\":") && json.contains("\"origin\":");
        }, why);
    }

    /** Text staff typed or the software wrote: bounded, and with no control or bidi-override characters. */
    private static ColumnClass staffText(String why) {
        return new ColumnClass("staff text", v -> v.length() <= 2000 && !CONTROL.matcher(v).find(), why);
    }

    /** A console user name, as enrolment allows it. */
    private static ColumnClass username(String why) {
        return new ColumnClass("user name", v -> USERNAME.matcher(v).matches(), why);
    }

    private static ColumnClass matching(String kind, String regex, String why) {
        Pattern pattern = Pattern.compile(regex);
        return new ColumnClass(kind, v -> pattern.matcher(v).matches(), why);
    }

    private static final Map<String, ColumnClass> COLUMNS = Map.ofEntries(
            // Sources: random ids and designations, counters, day-rounded dates, derived public values.
            Map.entry("source.id", randomId("row id, random")),
            Map.entry("source.lookup_id", new ColumnClass("Argon2id output", v -> HEX64.matcher(v).matches(),
                    "Argon2id(codename, lookup pepper): useless without the pepper file, 90 bits to guess with it")),
            Map.entry("source.reply_public_key", new ColumnClass("OpenPGP public key packet",
                    SeizedClassification::isPublicKeyPacket, "the source's reply key, public half only")),
            Map.entry("source.designation", new ColumnClass("two random words", v -> v.matches("[a-z-]+ [a-z-]+"),
                    "random words for investigators, unrelated to the codename")),
            Map.entry("source.created_on", day("source action: day only")),
            Map.entry("source.last_activity_on", day("source action: day only")),
            Map.entry("source.submission_seq", number("how many submissions were ever numbered")),
            Map.entry("source.reply_seq", number("how many replies were ever numbered")),
            Map.entry("source.status", oneOf("desk's triage state", "NEW", "IN_REVIEW", "CLOSED")),
            Map.entry("source.assignee_id", randomId("an account id")),
            Map.entry("source.notified_seq", number("submission number covered by the last notification")),
            Map.entry("submission.id", randomId("row id, random")),
            Map.entry("submission.source_id", randomId("row id, random")),
            Map.entry("submission.seq", number("order within the source")),
            Map.entry("submission.kind", oneOf("message or file", "MESSAGE", "FILE")),
            Map.entry("submission.blob_id", randomId("blob name, random")),
            Map.entry("submission.encrypted_size",
                    number("ciphertext size, Padmé-padded: the plaintext size to within about 9 %")),
            Map.entry("submission.received_on", day("source action: day only")),
            Map.entry("reply.id", randomId("row id, random")),
            Map.entry("reply.source_id", randomId("row id, random")),
            Map.entry("reply.seq", number("order within the source")),
            Map.entry("reply.blob_id", randomId("blob name, random")),
            Map.entry("reply.encrypted_size",
                    number("ciphertext size, Padmé-padded: the reply's length to within about 9 %")),
            Map.entry("reply.sent_on", day("day only")),
            // Triage: the desk's own notes.
            Map.entry("source_label.source_id", randomId("row id")),
            Map.entry("source_label.label", new ColumnClass("label", v -> v.length() <= 40 && !v.isBlank()
                    && !CONTROL.matcher(v).find(), "free text investigators typed (documented)")),
            Map.entry("source_star.account_id", randomId("account id")),
            Map.entry("source_star.source_id", randomId("row id")),
            Map.entry("source_seen.account_id", randomId("account id")),
            Map.entry("source_seen.source_id", randomId("row id")),
            Map.entry("source_seen.seen_through", number("highest submission number seen, no time")),
            Map.entry("submission_seen.account_id", randomId("account id")),
            Map.entry("submission_seen.submission_id", randomId("row id")),
            Map.entry("notification_address.account_id", randomId("account id")),
            Map.entry("notification_address.address", new ColumnClass("e-mail address", v -> v.contains("@"),
                    "an investigator's opt-in notification address")),
            // Recipient keys: public certificates and their vetting.
            Map.entry("recipient_key.fingerprint", new ColumnClass("fingerprint", v -> HEX40.matcher(v).matches(),
                    "public")),
            Map.entry("recipient_key.armored", new ColumnClass("armored public key",
                    v -> v.startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----") && !v.contains("PRIVATE"),
                    "public certificate; its user ids name investigators")),
            Map.entry("recipient_key.user_ids", staffText("investigators' names and addresses from their keys")),
            Map.entry("recipient_key.algorithm", matching("key algorithm", "[A-Za-z0-9 /,+()-]{1,100}", "key algorithm")),
            Map.entry("recipient_key.expires_on", day("key expiry")),
            Map.entry("recipient_key.origin", oneOf("who added it", "OPERATOR", "CONSOLE")),
            Map.entry("recipient_key.status", oneOf("vetting state", "PENDING", "APPROVED", "RETIRED")),
            Map.entry("recipient_key.retired_owner_id", randomId("a retired key's former owner account")),
            Map.entry("recipient_key.retired_on", day("day only")),
            Map.entry("recipient_key.recovery", flag("the organisation recovery key")),
            Map.entry("recipient_key.proposed_by", randomId("the admin who proposed the recovery key")),
            // Which keys each blob was encrypted to: the blob's own PKESK packets say as much.
            Map.entry("submission_key.submission_id", randomId("row id")),
            Map.entry("submission_key.fingerprint", new ColumnClass("fingerprint", v -> HEX40.matcher(v).matches(),
                    "a recipient the blob was encrypted to; its PKESK names the same key")),
            Map.entry("reply_key.reply_id", randomId("row id")),
            Map.entry("reply_key.fingerprint", new ColumnClass("fingerprint", v -> HEX40.matcher(v).matches(),
                    "a recipient the reply was encrypted to; its PKESK names the same key")),
            Map.entry("recipient_key.added_on", day("day only")),
            Map.entry("recipient_key.account_id", randomId("owner account")),
            Map.entry("recipient_key.approved_by", randomId("approving account")),
            Map.entry("recipient_key.approved_on", day("day only")),
            // Console accounts.
            Map.entry("account.id", randomId("row id")),
            Map.entry("account.username", username("investigator's chosen name")),
            Map.entry("account.password_hash", new ColumnClass("Argon2id PHC string",
                    v -> v.startsWith("$argon2id$v=19$"), "password hash")),
            Map.entry("account.role", oneOf("role", "ADMIN", "INVESTIGATOR")),
            Map.entry("account.enabled", flag("disabled accounts stay for the audit trail")),
            Map.entry("account.totp_secret", new ColumnClass("sealed TOTP secret", v -> v.startsWith("sealed1:")
                    && Base64.getDecoder().decode(v.substring(8)).length >= 12 + 20 + 16,
                    "second-factor secret, AES-GCM sealed under secrets/database-seal-key, bound to its account")),
            Map.entry("account.totp_last_step", number("last TOTP time step used: the last login to 30 s, staff")),
            Map.entry("account.session_epoch", number("counter")),
            Map.entry("account.failed_logins", number("counter")),
            Map.entry("account.locked_until", staffTime("lockout end: staff login failures, precise")),
            Map.entry("account.created_on", day("day only")),
            Map.entry("account.disabled_on", day("day an account was disabled, for the two-person rule; day only")),
            Map.entry("account.language", oneOf("the investigator's console language", "en", "zh-Hans", "ug", "ar",
                    "es", "fr")),
            Map.entry("account.browser_reading", flag("opted in to in-browser reading; the key is never here")),
            // Security keys (WebAuthn): public keys and usage counters, nothing that signs anyone in.
            Map.entry("user_entities.id", base64url("random 64-byte user handle")),
            Map.entry("user_entities.name", username("the console user name")),
            Map.entry("user_entities.display_name", username("the console user name")),
            Map.entry("user_credentials.credential_id", base64url("credential id chosen by the authenticator")),
            Map.entry("user_credentials.user_entity_user_id", base64url("user handle")),
            Map.entry("user_credentials.public_key", cborMap("COSE public key: public half only")),
            Map.entry("user_credentials.signature_count", number("authenticator's use counter")),
            Map.entry("user_credentials.uv_initialized", flag("user verification seen")),
            Map.entry("user_credentials.backup_eligible", flag("passkey may be synced")),
            Map.entry("user_credentials.backup_state", flag("passkey is synced")),
            Map.entry("user_credentials.authenticator_transports", matching("transports",
                    "((usb|nfc|ble|internal|hybrid|smart-card)(,\\s*(?=[a-z]))?)*", "usb, nfc, internal…")),
            Map.entry("user_credentials.public_key_credential_type", oneOf("credential type", "public-key")),
            Map.entry("user_credentials.attestation_object", cborMap("attestation ('none' is requested)")),
            Map.entry("user_credentials.attestation_client_data_json", clientDataJson("enrolment's client data: "
                    + "origin and challenge")),
            Map.entry("user_credentials.created", staffTime("when a staff member enrolled a key, precise")),
            Map.entry("user_credentials.last_used", staffTime("a staff member's last key login, precise")),
            Map.entry("user_credentials.label", staffText("the owner's name for the key")),
            // Changes to the admins waiting for a second admin: who proposed what, to the day.
            Map.entry("admin_proposal.id", randomId("row id")),
            Map.entry("admin_proposal.kind", oneOf("proposed change", "DISABLE_ADMIN", "ENABLE_ADMIN",
                    "INVITE_ADMIN")),
            Map.entry("admin_proposal.target_account_id", randomId("account to disable or enable")),
            Map.entry("admin_proposal.proposed_by", randomId("proposing admin's account")),
            Map.entry("admin_proposal.proposed_on", day("day only")),
            Map.entry("invitation.token_hash", hash("SHA-256 of a spent or pending token, useless as a link")),
            Map.entry("invitation.role", oneOf("role", "ADMIN", "INVESTIGATOR")),
            Map.entry("invitation.account_id", randomId("account being re-enrolled")),
            Map.entry("invitation.created_by", username("inviting admin's name")),
            Map.entry("invitation.expires_at", staffTime("expiry: dates the invitation, staff action, precise")),
            Map.entry("invitation.used", flag("spent")),
            Map.entry("invitation.failed_attempts", number("wrong passwords entered on a re-enrolment link")),
            Map.entry("console_setting.setting_name", matching("setting name", "[a-z0-9._-]{1,100}", "setting name")),
            Map.entry("console_setting.setting_value", staffText("setting value (retention days)")),
            // The audit log: staff actions, precise by design (never a source's action).
            Map.entry("audit_entry.seq", number("gapless sequence")),
            Map.entry("audit_entry.occurred_at", staffTime("time of a staff action, to the second, by design")),
            Map.entry("audit_entry.actor", new ColumnClass("actor", v -> USERNAME.matcher(v).matches()
                    || v.equals("operator") || v.equals("system"), "account name, operator or system")),
            Map.entry("audit_entry.action", matching("AuditAction name", "[A-Z][A-Z_]{1,39}", "AuditAction name")),
            Map.entry("audit_entry.subject", staffText("designation, fingerprint, account or device name")),
            Map.entry("audit_entry.details", staffText("short note, identifiers only")),
            Map.entry("audit_entry.prev_hash", hash("chain link")),
            Map.entry("audit_entry.entry_hash", hash("chain link")),
            Map.entry("audit_head.id", number("the single row")),
            Map.entry("audit_head.last_seq", number("last entry")),
            Map.entry("audit_head.last_hash", hash("last entry's hash")),
            // Flyway's own bookkeeping.
            Map.entry("flyway_schema_history.installed_rank", number("migration order")),
            Map.entry("flyway_schema_history.version", matching("migration version", "[0-9.]{1,20}", "migration version")),
            Map.entry("flyway_schema_history.description", staffText("migration name")),
            Map.entry("flyway_schema_history.type", oneOf("migration type", "SQL", "TABLE")),
            // The first row marks the history table's creation and names the table, or nothing.
            Map.entry("flyway_schema_history.script", matching("migration file name",
                    "V[0-9.]+__\\w+\\.sql|(\"\\w+\"\\.)?\"?flyway_schema_history\"?|", "migration file name")),
            Map.entry("flyway_schema_history.checksum", number("migration checksum")),
            Map.entry("flyway_schema_history.installed_by", staffText("database user")),
            Map.entry("flyway_schema_history.installed_on", staffTime("when the schema was installed or upgraded: "
                    + "dates the server's setup, not any source")),
            Map.entry("flyway_schema_history.execution_time", number("milliseconds")),
            Map.entry("flyway_schema_history.success", flag("migration outcome")));

    static ColumnClass columnClass(String tableDotColumn) {
        return COLUMNS.get(tableDotColumn);
    }

    /** Base64 of one OpenPGP packet whose tag is 6 (public key), never 5 (secret key). */
    private static boolean isPublicKeyPacket(String base64) {
        byte[] packet = Base64.getDecoder().decode(base64);
        int first = packet[0] & 0xff;
        int tag = (first & 0x40) != 0 ? first & 0x3f : (first >> 2) & 0x0f;
        return (first & 0x80) != 0 && tag == 6;
    }

    /** Reads packet headers only: which packets a blob holds, not what is inside them. */
    static final class OpenPgpShape {

        private OpenPgpShape() {
        }

        static String problem(Path blob) {
            try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(blob))) {
                int pkesk = 0;
                for (int first; (first = in.read()) >= 0;) {
                    if ((first & 0x80) == 0) {
                        return "not an OpenPGP packet";
                    }
                    boolean newFormat = (first & 0x40) != 0;
                    int tag = newFormat ? first & 0x3f : (first >> 2) & 0x0f;
                    if (tag == 1) {
                        pkesk++;
                        skip(in, newFormat ? newLength(in, first).length : oldLength(in, first));
                        continue;
                    }
                    if (tag != 18) {
                        return "packet tag " + tag + " where only PKESK (1) and SEIPD (18) belong";
                    }
                    if (pkesk == 0) {
                        return "SEIPD without a PKESK";
                    }
                    int version = -1;
                    Length length = newFormat ? newLength(in, first) : new Length(oldLength(in, first), false);
                    while (true) {
                        if (version < 0 && length.length > 0) {
                            version = in.read();
                            skip(in, length.length - 1);
                        } else {
                            skip(in, length.length);
                        }
                        if (!length.partial) {
                            break;
                        }
                        length = newLength(in, -1);
                    }
                    if (version != 1) {
                        return "SEIPD version " + version;
                    }
                    return in.read() < 0 ? null : "data after the SEIPD packet";
                }
                return "no SEIPD packet";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private record Length(long length, boolean partial) {
        }

        /** RFC 4880 4.2.2; {@code first} is only for the caller's symmetry. */
        private static Length newLength(InputStream in, int first) throws IOException {
            int l1 = in.read();
            if (l1 < 192) {
                return new Length(l1, false);
            }
            if (l1 < 224) {
                return new Length(((l1 - 192) << 8) + in.read() + 192, false);
            }
            if (l1 == 255) {
                return new Length(((long) in.read() << 24) | (in.read() << 16) | (in.read() << 8) | in.read(), false);
            }
            return new Length(1L << (l1 & 0x1f), true);
        }

        private static long oldLength(InputStream in, int first) throws IOException {
            return switch (first & 3) {
                case 0 -> in.read();
                case 1 -> (in.read() << 8) | in.read();
                case 2 -> ((long) in.read() << 24) | (in.read() << 16) | (in.read() << 8) | in.read();
                default -> Long.MAX_VALUE;
            };
        }

        private static void skip(InputStream in, long n) throws IOException {
            if (n == Long.MAX_VALUE) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
                return;
            }
            in.skipNBytes(n);
        }
    }
}
