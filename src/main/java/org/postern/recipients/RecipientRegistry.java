package org.postern.recipients;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.postern.config.DayRounding;
import org.postern.crypto.Fingerprints;
import org.postern.crypto.KeyRejectedException;
import org.postern.crypto.RecipientKey;
import org.postern.crypto.RecipientKeyParser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The OpenPGP keys that submissions are encrypted to. */
@Service
public class RecipientRegistry {

    private final JdbcClient jdbc;
    private final RecipientKeyParser parser;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    RecipientRegistry(JdbcClient jdbc, RecipientKeyParser parser, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.parser = parser;
        this.clock = clock;
        this.events = events;
    }

    public RecipientKey add(String armored, KeyOrigin origin, KeyStatus status)
            throws KeyRejectedException, DuplicateKeyRejected {
        return add(armored, origin, status, null);
    }

    /** {@code accountId} is the console account that owns the key; null for the operator's keys. */
    RecipientKey add(String armored, KeyOrigin origin, KeyStatus status, String accountId)
            throws KeyRejectedException, DuplicateKeyRejected {
        return add(armored, origin, status, accountId, false, null);
    }

    RecipientKey add(String armored, KeyOrigin origin, KeyStatus status, String accountId, boolean recovery,
            String proposedBy) throws KeyRejectedException, DuplicateKeyRejected {
        RecipientKey key = parser.parse(armored);
        if (find(key.fingerprint()).isPresent()) {
            throw new DuplicateKeyRejected(key.fingerprint(), holder(key.fingerprint()));
        }
        // expires_on is the day submissions stop reaching the key, which a short-lived subkey can bring forward.
        jdbc.sql("""
                insert into recipient_key (fingerprint, armored, user_ids, algorithm, expires_on, origin, status, added_on,
                    account_id, recovery, proposed_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(key.fingerprint(), key.armored(), truncate(String.join("\n", key.userIds()), 2000),
                        key.algorithm(),
                        key.usableUntil().map(i -> LocalDate.ofInstant(i, ZoneOffset.UTC)).orElse(null),
                        origin.name(), status.name(), DayRounding.today(clock), accountId, recovery, proposedBy)
                .update();
        return key;
    }

    /**
     * An operator key that belongs to a console account: approved at once, like every key added on the command
     * line, and shown on that account's "My key" page.
     *
     * @throws IllegalStateException if the account already has an approved key
     */
    public RecipientKey addForAccount(String armored, String accountId)
            throws KeyRejectedException, DuplicateKeyRejected {
        if (jdbc.sql("select count(*) from recipient_key where account_id = ? and status = 'APPROVED'")
                .param(accountId).query(Long.class).single() > 0) {
            throw new IllegalStateException("That account already has an approved key. Remove it first.");
        }
        return add(armored, KeyOrigin.OPERATOR, KeyStatus.APPROVED, accountId);
    }

    /** The account that holds a registered key; empty when the operator added it on the command line. */
    private Optional<String> holder(String fingerprint) {
        return jdbc.sql("""
                        select a.username from recipient_key k left join account a on a.id = k.account_id
                        where k.fingerprint = ?""").param(fingerprint).query(String.class).optional();
    }

    public List<StoredRecipient> list() {
        return jdbc.sql("select * from recipient_key order by added_on, fingerprint").query(RecipientRegistry::map)
                .list();
    }

    public Optional<StoredRecipient> find(String fingerprint) {
        return jdbc.sql("select * from recipient_key where fingerprint = ?").param(Fingerprints.normalise(fingerprint))
                .query(RecipientRegistry::map).optional();
    }

    /** What became of a key taken out of service. */
    public enum Removal {
        /** No such key. */
        NONE,
        /** Gone: no blob was encrypted to it. */
        DELETED,
        /** Receives nothing, kept while some blob needs it. */
        RETIRED
    }

    /**
     * Takes a key out of service: a key some submission or reply was encrypted to is retired and kept, so that
     * the console can still name it; any other key is deleted.
     */
    public Removal remove(String fingerprint) {
        String normalised = Fingerprints.normalise(fingerprint);
        if (neededByBlobs(normalised) && jdbc.sql("""
                update recipient_key set status = 'RETIRED', retired_owner_id = account_id, account_id = null,
                    retired_on = ?
                where fingerprint = ? and status = 'APPROVED'""").params(DayRounding.today(clock), normalised)
                .update() == 1) {
            return Removal.RETIRED;
        }
        if (jdbc.sql("select count(*) from recipient_key where fingerprint = ? and status = 'RETIRED'")
                .param(normalised).query(Long.class).single() > 0) {
            return Removal.RETIRED;
        }
        return jdbc.sql("delete from recipient_key where fingerprint = ?").param(normalised).update() > 0
                ? Removal.DELETED : Removal.NONE;
    }

    /** The number of stored submissions and replies encrypted to this key. */
    public long blobsEncryptedTo(String fingerprint) {
        return jdbc.sql("""
                select (select count(*) from submission_key where fingerprint = ?)
                     + (select count(*) from reply_key where fingerprint = ?)""")
                .params(fingerprint, fingerprint).query(Long.class).single();
    }

    private boolean neededByBlobs(String fingerprint) {
        return blobsEncryptedTo(fingerprint) > 0;
    }

    /** Deletes retired keys that no stored blob needs any more, each with its audit entry; returns them. */
    @Transactional
    public List<String> forgetUnneededRetired() {
        List<String> unneeded = jdbc.sql("""
                select fingerprint from recipient_key r where status = 'RETIRED'
                and not exists (select 1 from submission_key s where s.fingerprint = r.fingerprint)
                and not exists (select 1 from reply_key p where p.fingerprint = r.fingerprint)""")
                .query(String.class).list();
        for (String fingerprint : unneeded) {
            jdbc.sql("delete from recipient_key where fingerprint = ? and status = 'RETIRED'").param(fingerprint)
                    .update();
            events.publishEvent(new KeyForgotten(fingerprint));
        }
        return unneeded;
    }

    /** A recovery key set, and the recovery key it replaced, if any. */
    public record RecoverySet(RecipientKey key, Optional<String> replaced, Removal replacedRemoval) {
    }

    /**
     * Sets the organisation recovery key from the command line, where the operator vouches for it. The one it
     * replaces, if any, stops receiving at once: there is never more than one.
     */
    @Transactional
    public RecoverySet setRecoveryByOperator(String armored) throws KeyRejectedException, DuplicateKeyRejected {
        return setRecovery(armored, KeyOrigin.OPERATOR, null);
    }

    RecoverySet setRecovery(String armored, KeyOrigin origin, String proposedBy)
            throws KeyRejectedException, DuplicateKeyRejected {
        Optional<String> old = recoveryKey().map(StoredRecipient::fingerprint);
        Removal removal = Removal.NONE;
        if (old.isPresent()) {
            removal = remove(old.get());
        }
        RecipientKey key = add(armored, origin, KeyStatus.APPROVED, null, true, proposedBy);
        return new RecoverySet(key, old, removal);
    }

    /** The approved organisation recovery key, if there is one. */
    public Optional<StoredRecipient> recoveryKey() {
        return jdbc.sql("select * from recipient_key where recovery and status = 'APPROVED'")
                .query(RecipientRegistry::map).optional();
    }

    /**
     * Approved keys that are still valid now, of operators or of enabled accounts, and the recovery key. A key
     * that has expired since import, or whose owner's account is disabled, is skipped, so no submission is
     * encrypted to it. If no key but the recovery key is left, the list is empty and intake pauses: the recovery
     * key is kept offline, and nobody would read what arrives.
     */
    public List<RecipientKey> activeRecipients() {
        List<RecipientKey> active = new ArrayList<>();
        boolean reader = false;
        List<StoredRecipient> approved = jdbc.sql("""
                select r.* from recipient_key r left join account a on a.id = r.account_id
                where r.status = 'APPROVED' and (r.account_id is null or a.enabled)
                order by r.added_on, r.fingerprint""").query(RecipientRegistry::map).list();
        for (StoredRecipient stored : approved) {
            try {
                active.add(parser.parse(stored.armored()));
                reader |= !stored.recovery();
            } catch (KeyRejectedException expiredOrBroken) {
                // Skipped silently: this runs on source requests, and a log line would time their visits.
                // Operators see unusable keys in `recipients list` and in the console.
            }
        }
        return reader ? active : List.of();
    }

    public boolean acceptsSubmissions() {
        return !activeRecipients().isEmpty();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    static StoredRecipient map(ResultSet rs, int row) throws SQLException {
        return new StoredRecipient(rs.getString("fingerprint"), rs.getString("user_ids"), rs.getString("algorithm"),
                rs.getObject("expires_on", LocalDate.class), KeyOrigin.valueOf(rs.getString("origin")),
                KeyStatus.valueOf(rs.getString("status")), rs.getObject("added_on", LocalDate.class),
                rs.getString("armored"), rs.getBoolean("recovery"));
    }
}
