package org.postern.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.postern.audit.AuditAction;
import org.postern.audit.AuditActor;
import org.postern.audit.AuditDetail;
import org.postern.audit.AuditEvent;
import org.postern.audit.AuditLog;
import org.postern.crypto.Fingerprints;
import org.postern.crypto.KeyRejectedException;
import org.postern.crypto.RecipientKey;
import org.postern.recipients.DuplicateKeyRejected;
import org.postern.recipients.KeyOrigin;
import org.postern.recipients.KeyStatus;
import org.postern.recipients.KeyVetting;
import org.postern.recipients.RecipientRegistry;
import org.postern.recipients.StoredRecipient;

import org.postern.accounts.AccountRepository;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code recipients add|list|remove}: operator-added keys are approved at once; the operator vouches for them. */
@Command(name = "recipients", mixinStandardHelpOptions = true, description = "Manage submission recipient keys.",
        subcommands = {RecipientsCommand.Add.class, RecipientsCommand.ListKeys.class, RecipientsCommand.Remove.class})
class RecipientsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "add", description = "Import an ASCII-armored OpenPGP public key as a recipient.")
    static class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "FILE", description = "armored public key (gpg --armor --export)")
        Path file;
        @Option(names = "--recovery", description = "the organisation recovery key, kept offline: it receives "
                + "every submission and reply, and replaces any earlier recovery key")
        boolean recovery;
        @Option(names = "--account", paramLabel = "NAME",
                description = "the console account whose key this is; its \"My key\" page then shows it")
        String account;

        private final RecipientRegistry registry;
        private final AccountRepository accounts;
        private final AuditLog audit;

        Add(RecipientRegistry registry, AccountRepository accounts, AuditLog audit) {
            this.registry = registry;
            this.accounts = accounts;
            this.audit = audit;
        }

        @Override
        public Integer call() {
            String armored;
            try {
                armored = Files.readString(file, StandardCharsets.US_ASCII);
            } catch (IOException | RuntimeException e) {
                spec.commandLine().getErr().println("Cannot read " + file + ": it must be an ASCII-armored key file.");
                return 1;
            }
            if (recovery && account != null) {
                spec.commandLine().getErr().println("The recovery key belongs to the organisation, not an account: "
                        + "use --recovery or --account, not both.");
                return 2;
            }
            String accountId = null;
            if (account != null) {
                var owner = accounts.findByUsername(account);
                if (owner.isEmpty()) {
                    spec.commandLine().getErr().println("No console account is named " + account + ".");
                    return 1;
                }
                accountId = owner.get().id();
            }
            try {
                RecipientKey key;
                if (recovery) {
                    RecipientRegistry.RecoverySet set = registry.setRecoveryByOperator(armored);
                    key = set.key();
                    set.replaced().ifPresent(old -> {
                        audit.record(new AuditEvent(AuditActor.OPERATOR, AuditAction.RECOVERY_KEY_REPLACED, old,
                                KeyVetting.replacedBy(set.key().fingerprint(), false)));
                        spec.commandLine().getOut().println("The earlier recovery key " + Fingerprints.grouped(old)
                                + (set.replacedRemoval() == RecipientRegistry.Removal.RETIRED
                                        ? " stops receiving; it is kept while stored files need it."
                                        : " is removed."));
                    });
                    audit.record(AuditEvent.byOperator(AuditAction.RECOVERY_KEY_SET, key.fingerprint()));
                    spec.commandLine().getOut().println("Added the organisation recovery key " + key.groupedFingerprint());
                } else {
                    key = accountId == null
                            ? registry.add(armored, KeyOrigin.OPERATOR, KeyStatus.APPROVED)
                            : registry.addForAccount(armored, accountId);
                    audit.record(new AuditEvent(AuditActor.OPERATOR, AuditAction.KEY_ADDED, key.fingerprint(),
                            account == null ? AuditDetail.NONE
                                    : AuditDetail.of("audit.detail.forAccount", AuditDetail.text(account))));
                    if (account != null) {
                        spec.commandLine().getOut().println("Linked to the account " + account + ".");
                    }
                    spec.commandLine().getOut().println("Added recipient " + key.groupedFingerprint());
                }
                spec.commandLine().getOut().println("Fingerprint: " + key.fingerprint());
                key.userIds().forEach(id -> spec.commandLine().getOut().println("User ID: " + id));
                return 0;
            } catch (KeyRejectedException | DuplicateKeyRejected | IllegalStateException e) {
                spec.commandLine().getErr().println("Key refused: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "list", description = "List recipient keys.")
    static class ListKeys implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        private final RecipientRegistry registry;

        ListKeys(RecipientRegistry registry) {
            this.registry = registry;
        }

        @Override
        public Integer call() {
            var all = registry.list();
            if (all.isEmpty()) {
                spec.commandLine().getOut().println("No recipient keys. Submissions are not accepted until one is added.");
            }
            for (StoredRecipient r : all) {
                spec.commandLine().getOut().printf("%s  %s  %s%s  %s  expires %s  %s%n", r.fingerprint(), r.status(),
                        r.origin(), r.recovery() ? "  RECOVERY" : "", r.algorithm(), r.expiresOn() == null ? "never" : r.expiresOn(),
                        r.userIds().replace('\n', ';'));
            }
            return 0;
        }
    }

    @Command(name = "remove", description = "Remove a recipient key by fingerprint.")
    static class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "FINGERPRINT")
        String fingerprint;
        private final RecipientRegistry registry;
        private final AuditLog audit;

        Remove(RecipientRegistry registry, AuditLog audit) {
            this.registry = registry;
            this.audit = audit;
        }

        @Override
        public Integer call() {
            String normalised;
            try {
                normalised = Fingerprints.normalise(fingerprint);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("Not a fingerprint: " + e.getMessage());
                return 1;
            }
            RecipientRegistry.Removal removal = registry.remove(normalised);
            if (removal == RecipientRegistry.Removal.NONE) {
                spec.commandLine().getErr().println("No recipient key has fingerprint " + normalised + ".");
                return 1;
            }
            if (removal == RecipientRegistry.Removal.RETIRED) {
                audit.record(AuditEvent.byOperator(AuditAction.KEY_RETIRED, normalised));
                spec.commandLine().getOut().println("Retired recipient " + Fingerprints.grouped(normalised)
                        + ": it receives nothing new, and its record stays while stored files need it.");
                return 0;
            }
            audit.record(AuditEvent.byOperator(AuditAction.KEY_REMOVED, normalised));
            spec.commandLine().getOut().println("Removed recipient " + Fingerprints.grouped(normalised));
            return 0;
        }
    }
}
