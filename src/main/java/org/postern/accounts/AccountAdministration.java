package org.postern.accounts;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.postern.audit.AuditActor;
import org.postern.config.DayRounding;
import org.postern.crypto.RandomIds;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What changes an account after it exists. Each change ends every session of that account.
 *
 * <p>While two or more admins are enabled, disabling, enabling or inviting an admin is only proposed here, and
 * takes effect when another admin confirms it: one admin alone cannot remove the others or add an admin account
 * of their own, and so cannot get around the second approval that an admin's own key needs.
 *
 * <p>Each change runs in one transaction with the {@link AccountChange} it publishes, so that its audit entry
 * commits with it or not at all.
 */
@Service
public class AccountAdministration {

    private final AccountRepository accounts;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final Invitations invitations;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final SecurityKeys keys;
    private final ConsoleAuthenticator authenticator;

    private final AdminProposals proposals;
    private final RandomIds ids;
    private final Clock clock;

    /** What became of a requested change. */
    public enum Change {
        DONE,
        /** Waiting for a second admin. */
        PROPOSED
    }

    /** A confirmed proposal, and the invitation token when it was an invitation (shown once, to the confirmer). */
    public record Confirmed(AdminProposal proposal, String invitationToken) {
    }

    AccountAdministration(AccountRepository accounts, PasswordPolicy policy, PasswordHasher hasher,
            Invitations invitations, ApplicationEventPublisher events, PlatformTransactionManager transactions,
            SecurityKeys keys, ConsoleAuthenticator authenticator, AdminProposals proposals, RandomIds ids,
            Clock clock) {
        this.proposals = proposals;
        this.ids = ids;
        this.clock = clock;
        this.authenticator = authenticator;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.keys = keys;
        this.accounts = accounts;
        this.policy = policy;
        this.hasher = hasher;
        this.invitations = invitations;
    }

    /** @return why the change was refused, or empty once it is done */
    public Optional<MessageSourceResolvable> changePassword(String accountId, String current, String replacement) {
        Account account = accounts.findById(accountId).orElseThrow();
        if (!authenticator.passwordUnderLockout(accountId, current, ConsoleAuthenticator.Factor.PASSWORD_CHANGE)) {
            return Optional.of(PasswordPolicy.message("password.currentNotAccepted"));
        }
        Optional<MessageSourceResolvable> problem = policy.problem(replacement, account.username());
        if (problem.isPresent()) {
            return problem;
        }
        String hash = hasher.hash(replacement);
        // Only the write is in the transaction: the password checks above commit a failure on their own.
        tx.executeWithoutResult(status -> {
            accounts.setPasswordHash(accountId, hash);
            events.publishEvent(new AccountChange.PasswordChanged(AuditActor.account(account.username()),
                    account.username()));
        });
        return Optional.empty();
    }

    /** Disables the account, or proposes it when the account is an admin's and the two-person rule applies. */
    @Transactional
    public Change disable(String accountId, String actorId) {
        return changeOrPropose(accountId, actorId, AdminProposal.Kind.DISABLE_ADMIN);
    }

    /** Enables the account, or proposes it when the account is an admin's and the two-person rule applies. */
    @Transactional
    public Change enable(String accountId, String actorId) {
        return changeOrPropose(accountId, actorId, AdminProposal.Kind.ENABLE_ADMIN);
    }

    /** @return the invitation token, or empty when the invitation waits for a second admin */
    @Transactional
    public Optional<String> inviteAdmin(String actorId) {
        String actor = usernameOf(actorId);
        if (!twoPersonRuleApplies()) {
            return Optional.of(invitations.create(Role.ADMIN, actor));
        }
        propose(AdminProposal.Kind.INVITE_ADMIN, null, actorId, actor);
        return Optional.empty();
    }

    /** True while two or more admins are enabled: then changes to the admins need a second admin. */
    public boolean twoPersonRuleApplies() {
        return accounts.countAdmins() >= 2;
    }

    public List<AdminProposal> pendingProposals() {
        proposals.dropStale(today());
        return proposals.pending(today());
    }

    /** Carries out a proposal for {@code confirmerId}, an enabled admin other than its proposer. */
    @Transactional(rollbackFor = ProposalRefused.class)
    public Confirmed confirm(String proposalId, String confirmerId) throws ProposalRefused {
        Account confirmer = requireEnabledAdmin(confirmerId);
        AdminProposal proposal = proposals.find(proposalId, today())
                .orElseThrow(() -> new ProposalRefused("accounts.proposalGone"));
        if (proposal.proposedById().equals(confirmerId)) {
            throw new ProposalRefused("accounts.ownProposal");
        }
        if (!proposals.take(proposal.id())) {
            throw new ProposalRefused("accounts.proposalGone");
        }
        events.publishEvent(new AccountChange.AdminChangeConfirmed(AuditActor.account(confirmer.username()),
                proposal));
        return switch (proposal.kind()) {
            case DISABLE_ADMIN -> {
                apply(proposal.targetId(), false, confirmer.username());
                yield new Confirmed(proposal, null);
            }
            case ENABLE_ADMIN -> {
                apply(proposal.targetId(), true, confirmer.username());
                yield new Confirmed(proposal, null);
            }
            case INVITE_ADMIN -> new Confirmed(proposal, invitations.create(Role.ADMIN, confirmer.username()));
        };
    }

    /** Withdraws a proposal: its proposer changes their mind, or another admin declines it. */
    @Transactional(rollbackFor = ProposalRefused.class)
    public void cancel(String proposalId, String actorId) throws ProposalRefused {
        Account actor = requireEnabledAdmin(actorId);
        AdminProposal proposal = proposals.find(proposalId, today())
                .orElseThrow(() -> new ProposalRefused("accounts.proposalGone"));
        if (proposals.take(proposal.id())) {
            events.publishEvent(new AccountChange.AdminChangeCancelled(AuditActor.account(actor.username()),
                    proposal));
        }
    }

    private Change changeOrPropose(String accountId, String actorId, AdminProposal.Kind kind) {
        Account target = accounts.findById(accountId).orElseThrow();
        String actor = usernameOf(actorId);
        boolean enable = kind == AdminProposal.Kind.ENABLE_ADMIN;
        if (target.role() == Role.ADMIN && twoPersonRuleApplies()) {
            propose(kind, accountId, actorId, actor);
            return Change.PROPOSED;
        }
        apply(accountId, enable, actor);
        return Change.DONE;
    }

    private void propose(AdminProposal.Kind kind, String targetId, String actorId, String actor) {
        LocalDate today = today();
        proposals.dropStale(today);
        if (proposals.findSame(kind, targetId, today).isPresent()) {
            return;
        }
        proposals.insert(ids.next(), kind, targetId, actorId, today);
        events.publishEvent(new AccountChange.AdminChangeProposed(AuditActor.account(actor),
                targetId == null ? "" : usernameOf(targetId), kind));
    }

    private void apply(String accountId, boolean enable, String actor) {
        accounts.setEnabled(accountId, enable, today());
        events.publishEvent(new AccountChange.EnabledChanged(AuditActor.account(actor), usernameOf(accountId),
                enable));
    }

    private Account requireEnabledAdmin(String accountId) throws ProposalRefused {
        return accounts.findById(accountId).filter(a -> a.enabled() && a.role() == Role.ADMIN)
                .orElseThrow(() -> new ProposalRefused("accounts.notAnAdmin"));
    }

    private LocalDate today() {
        return DayRounding.today(clock);
    }

    private String usernameOf(String accountId) {
        return accounts.findById(accountId).map(Account::username).orElse("");
    }

    /** Removes the second factor (TOTP and every security key) and returns a one-time re-enrolment link token for the admin to pass on. */
    @Transactional
    public String resetSecondFactor(String accountId, String adminName) {
        Account account = accounts.findById(accountId).orElseThrow();
        int removedKeys = keys.removeAll(accountId);
        accounts.setTotpSecret(accountId, null, 0);
        events.publishEvent(new AccountChange.SecondFactorReset(AuditActor.account(adminName), account.username(),
                removedKeys));
        return invitations.createReEnrolment(account, adminName);
    }
}
