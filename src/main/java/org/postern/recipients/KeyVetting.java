package org.postern.recipients;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.postern.accounts.Account;
import org.postern.accounts.AccountRepository;
import org.postern.audit.AuditActor;
import org.postern.audit.AuditDetail;
import org.postern.accounts.Role;
import org.postern.config.DayRounding;
import org.postern.crypto.Fingerprints;
import org.postern.crypto.KeyRejectedException;
import org.postern.crypto.RecipientKey;
import org.postern.crypto.RecipientKeyParser;
import org.postern.recipients.VettingRefused.Reason;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Investigators' own keys and their approval. A console key receives submissions only once an admin has
 * compared its fingerprint with its owner out of band; an admin's own key needs another admin whenever there is
 * one (the two-person rule), so no single admin can quietly add a recipient of their choosing.
 *
 * <p>Each change runs in one transaction, so that an approval and the removal of the key it replaces happen
 * together, and so that the audit event each change publishes is recorded with it or not at all.
 */
@Service
public class KeyVetting {

    private final RecipientRegistry registry;
    private final VettedKeys keys;
    private final RecipientKeyParser parser;
    private final AccountRepository accounts;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    KeyVetting(RecipientRegistry registry, VettedKeys keys, RecipientKeyParser parser, AccountRepository accounts,
            PlatformTransactionManager transactions, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.registry = registry;
        this.keys = keys;
        this.parser = parser;
        this.accounts = accounts;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    public List<VettedKey> all() {
        return keys.all();
    }

    public List<VettedKey> ownedBy(String accountId) {
        return keys.ownedBy(accountId);
    }

    /** How many stored submissions and replies were encrypted to the key. */
    public long storedFilesFor(String fingerprint) {
        return registry.blobsEncryptedTo(fingerprint);
    }

    public LocalDate today() {
        return DayRounding.today(clock);
    }

    /** How long a disabled admin still counts as present for the two-person rule. */
    static final int DISABLED_ADMIN_COUNTS_DAYS = 7;

    /**
     * True when an admin's own key needs another admin's approval: two or more admins exist, counting admins
     * disabled within the last 7 days, so that disabling the others does not leave one admin to approve alone.
     */
    public boolean twoPersonRuleApplies() {
        return accounts.countAdminsPresentSince(today().minusDays(DISABLED_ADMIN_COUNTS_DAYS)) >= 2;
    }

    /** True if some approved key stops receiving submissions within the warning period, or already has. */
    public boolean approvedKeyExpiresSoon() {
        return keys.anyApprovedExpiringBy(today().plusDays(KeyExpiry.WARNING_DAYS));
    }

    /**
     * Registers an account's own key, validated as {@code recipients add} validates, as PENDING. If the account
     * already has an approved key, this one is its replacement and takes over when approved.
     */
    public RecipientKey upload(String accountId, String armored) throws KeyRejectedException, VettingRefused {
        // Parsed first, so that a bad key is refused in the parser's own words.
        RecipientKey key = parser.parse(armored);
        return addPending(() -> {
            if (keys.hasPending(accountId)) {
                throw new VettingRefused(Reason.CONFLICT, "vetting.pendingExists");
            }
            RecipientKey added = registry.add(key.armored(), KeyOrigin.CONSOLE, KeyStatus.PENDING, accountId);
            events.publishEvent(new KeyAdded(actorOf(accountId), added.fingerprint()));
            return added;
        }, "vetting.alreadyRegisteredOwn");
    }

    /**
     * Approves a pending key for {@code approverId}, who must be an enabled admin and, under the two-person rule,
     * not its owner. The owner's previously approved key is removed in the same transaction.
     */
    public Approval approve(String fingerprint, String approverId) throws VettingRefused {
        String normalised = normalise(fingerprint);
        return inTransaction(() -> {
            Account approver = requireEnabledAdmin(approverId);
            VettedKey key = keys.find(normalised).orElseThrow(KeyVetting::noSuchKey);
            if (key.status() != KeyStatus.PENDING) {
                throw new VettingRefused(Reason.CONFLICT, "vetting.alreadyApproved");
            }
            if (key.recovery()) {
                return approveRecovery(key, approver);
            }
            if (key.isOwnedBy(approverId) && twoPersonRuleApplies()) {
                throw new VettingRefused(Reason.TWO_PERSON_RULE, "vetting.twoPersonOwn");
            }
            if (key.ownerId() != null && accounts.findById(key.ownerId()).filter(Account::enabled).isEmpty()) {
                throw new VettingRefused(Reason.CONFLICT, "vetting.ownerDisabled");
            }
            requireStillValid(normalised);
            List<String> replaced = key.ownerId() == null ? List.of() : keys.approvedFingerprintsOf(key.ownerId());
            List<String> retired = new java.util.ArrayList<>();
            for (String old : replaced) {
                // The old key stops receiving now; its record stays while any stored blob needs it.
                if (registry.remove(old) == RecipientRegistry.Removal.RETIRED) {
                    retired.add(old);
                }
            }
            if (!keys.markApproved(normalised, approverId, today())) {
                throw new VettingRefused(Reason.CONFLICT, "vetting.changedMeanwhile");
            }
            for (String old : replaced) {
                events.publishEvent(new KeyReplaced(AuditActor.account(approver.username()), old, normalised,
                        retired.contains(old)));
            }
            events.publishEvent(new KeyApproved(AuditActor.account(approver.username()), normalised));
            return new Approval(keys.find(normalised).orElseThrow(), replaced);
        });
    }

    /**
     * Removes one of the account's own keys; anyone else's key, or none, is "no such key". A key that stored
     * blobs were encrypted to is retired instead, and kept while they need it.
     */
    public VettedKey removeOwn(String fingerprint, String accountId) throws VettingRefused {
        String normalised = normalise(fingerprint);
        return inTransaction(() -> {
            VettedKey key = keys.find(normalised).filter(k -> k.isOwnedBy(accountId)).orElseThrow(KeyVetting::noSuchKey);
            takeOutOfService(normalised, actorOf(accountId));
            return key;
        });
    }

    /** An admin removes any key, the operator's and the recovery key included. */
    public VettedKey removeAny(String fingerprint, String adminId) throws VettingRefused {
        String normalised = normalise(fingerprint);
        return inTransaction(() -> {
            Account admin = requireEnabledAdmin(adminId);
            VettedKey key = keys.find(normalised).orElseThrow(KeyVetting::noSuchKey);
            if (key.status() == KeyStatus.RETIRED) {
                throw new VettingRefused(Reason.CONFLICT, "vetting.alreadyRetired");
            }
            takeOutOfService(normalised, AuditActor.account(admin.username()));
            return key;
        });
    }

    private void takeOutOfService(String fingerprint, AuditActor actor) throws VettingRefused {
        switch (registry.remove(fingerprint)) {
            case NONE -> throw noSuchKey();
            case RETIRED -> events.publishEvent(new KeyTakenOutOfService(actor, fingerprint, true));
            case DELETED -> events.publishEvent(new KeyTakenOutOfService(actor, fingerprint, false));
        }
    }

    /**
     * An admin proposes the organisation recovery key. It receives nothing until another admin approves it: the
     * two-person rule holds for it always, however many admins there are.
     */
    public RecipientKey proposeRecovery(String adminId, String armored) throws KeyRejectedException, VettingRefused {
        RecipientKey key = parser.parse(armored);
        return addPending(() -> {
            Account admin = requireEnabledAdmin(adminId);
            if (keys.hasPendingRecovery()) {
                throw new VettingRefused(Reason.CONFLICT, "vetting.recoveryPending");
            }
            RecipientKey added = registry.add(key.armored(), KeyOrigin.CONSOLE, KeyStatus.PENDING, null, true,
                    adminId);
            events.publishEvent(new RecoveryKeyProposed(AuditActor.account(admin.username()), added.fingerprint()));
            return added;
        }, "vetting.alreadyRegistered");
    }

    private Approval approveRecovery(VettedKey key, Account approver) throws VettingRefused {
        if (approver.id().equals(key.proposedById())) {
            throw new VettingRefused(Reason.TWO_PERSON_RULE, "vetting.twoPersonRecovery");
        }
        requireStillValid(key.fingerprint());
        List<String> replaced = registry.recoveryKey().map(StoredRecipient::fingerprint).stream().toList();
        for (String old : replaced) {
            RecipientRegistry.Removal removal = registry.remove(old);
            events.publishEvent(new RecoveryKeyReplaced(AuditActor.account(approver.username()), old,
                    key.fingerprint(), removal == RecipientRegistry.Removal.RETIRED));
        }
        if (!keys.markApproved(key.fingerprint(), approver.id(), today())) {
            throw new VettingRefused(Reason.CONFLICT, "vetting.changedMeanwhile");
        }
        events.publishEvent(new RecoveryKeySet(AuditActor.account(approver.username()), key.fingerprint()));
        return new Approval(keys.find(key.fingerprint()).orElseThrow(), replaced);
    }

    /** The account, or the system when it is gone. */
    private AuditActor actorOf(String accountId) {
        return accounts.findById(accountId).<AuditActor>map(a -> AuditActor.account(a.username()))
                .orElse(AuditActor.SYSTEM);
    }

    /** The web layer already allows only admins here; checked again so that no other caller can skip it. */
    private Account requireEnabledAdmin(String accountId) throws VettingRefused {
        Optional<Account> account = accounts.findById(accountId);
        if (account.isEmpty() || !account.get().enabled() || account.get().role() != Role.ADMIN) {
            throw new VettingRefused(Reason.NOT_AN_ADMIN, "vetting.notAdmin");
        }
        return account.get();
    }

    /** Checked at upload, checked again here: a key can expire while it waits for approval. */
    private void requireStillValid(String fingerprint) throws VettingRefused {
        try {
            parser.parse(keys.armored(fingerprint).orElseThrow(KeyVetting::noSuchKey));
        } catch (KeyRejectedException e) {
            throw VettingRefused.because(Reason.NO_LONGER_VALID, e);
        }
    }

    private static String normalise(String fingerprint) throws VettingRefused {
        try {
            return Fingerprints.normalise(fingerprint == null ? "" : fingerprint);
        } catch (IllegalArgumentException e) {
            throw noSuchKey();
        }
    }

    private static VettingRefused noSuchKey() {
        return new VettingRefused(Reason.NO_SUCH_KEY, "vetting.noSuchKey");
    }

    @FunctionalInterface
    /** Adds a key as PENDING; the registry's re-validation and the unique fingerprint answer as refusals. */
    private interface PendingAdd {
        RecipientKey run() throws VettingRefused, DuplicateKeyRejected, KeyRejectedException;
    }

    /**
     * Runs {@code add} in one transaction. A key already there, found by the registry or by the database's unique
     * index when two uploads race, is refused with {@code alreadyThere}.
     */
    private RecipientKey addPending(PendingAdd add, String alreadyThere) throws VettingRefused {
        try {
            return inTransaction(() -> {
                try {
                    return add.run();
                } catch (DuplicateKeyRejected e) {
                    throw VettingRefused.because(Reason.CONFLICT, e);
                } catch (KeyRejectedException e) {
                    throw VettingRefused.because(Reason.NO_LONGER_VALID, e);
                }
            });
        } catch (DuplicateKeyException race) {
            throw new VettingRefused(Reason.CONFLICT, alreadyThere);
        }
    }

    private interface Work<T> {
        T run() throws VettingRefused;
    }

    /** Runs {@code work} in one transaction; a refusal rolls back whatever it had done. */
    private <T> T inTransaction(Work<T> work) throws VettingRefused {
        try {
            return transaction.execute(status -> {
                try {
                    return work.run();
                } catch (VettingRefused refused) {
                    throw new Refusal(refused);
                }
            });
        } catch (Refusal r) {
            throw r.refused;
        }
    }

    /** Carries a refusal out of the transaction callback, which may throw only unchecked exceptions. */
    private static final class Refusal extends RuntimeException {
        private final VettingRefused refused;

        Refusal(VettingRefused refused) {
            super(null, null, false, false);
            this.refused = refused;
        }
    }

    /** The key that took an old one's place, and whether the old one is kept for stored files. */
    public static AuditDetail replacedBy(String fingerprint, boolean kept) {
        return AuditDetail.of(kept ? "audit.detail.replacedByKept" : "audit.detail.replacedBy",
                AuditDetail.text(fingerprint));
    }
}
