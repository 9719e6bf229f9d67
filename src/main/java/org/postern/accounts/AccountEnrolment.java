package org.postern.accounts;

import java.time.Clock;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import org.postern.audit.AuditActor;
import org.postern.config.DayRounding;
import org.postern.crypto.RandomIds;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates accounts: the first admin through the setup token, everyone else through an invitation. Nobody gets
 * an account without a password that passes the policy and a second factor proved with a current code.
 */
@Service
public class AccountEnrolment {

    /** Names the audit log and the operator's commands use for themselves. */
    public static final java.util.Set<String> RESERVED = java.util.Set.of("operator", "system", "admin", "root");
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,31}");

    private final AccountRepository accounts;
    private final Invitations invitations;
    private final SetupTokens setupTokens;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final Totp totp;
    private final RandomIds ids;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final ConsoleAuthenticator authenticator;

    /** Wrong passwords a re-enrolment link survives; the next one cancels it. */
    static final int REENROLMENT_FAILURES = 5;
    AccountEnrolment(AccountRepository accounts, Invitations invitations, SetupTokens setupTokens,
            PasswordPolicy policy, PasswordHasher hasher, Totp totp, RandomIds ids, Clock clock,
            ApplicationEventPublisher events, ConsoleAuthenticator authenticator) {
        this.authenticator = authenticator;
        this.events = events;
        this.accounts = accounts;
        this.invitations = invitations;
        this.setupTokens = setupTokens;
        this.policy = policy;
        this.hasher = hasher;
        this.totp = totp;
        this.ids = ids;
        this.clock = clock;
    }

    @Transactional
    public Account setUpFirstAdmin(EnrolmentRequest request) throws EnrolmentRefused {
        long step = checkNewAccount(request);
        if (!setupTokens.consume(request.token())) {
            throw new EnrolmentRefused("enrol.refused.setupToken");
        }
        Account admin = create(request, Role.ADMIN, step);
        AuditActor self = AuditActor.account(admin.username());
        events.publishEvent(new AccountChange.SetupCompleted(self, admin.username()));
        events.publishEvent(new AccountChange.AccountCreated(self, admin.username(), Role.ADMIN));
        return admin;
    }

    @Transactional
    public Account acceptInvitation(EnrolmentRequest request) throws EnrolmentRefused {
        Invitation invitation = invitations.peek(request.token()).filter(i -> !i.isReEnrolment())
                .orElseThrow(() -> new EnrolmentRefused("enrol.refused.invitation"));
        long step = checkNewAccount(request);
        if (!invitations.consume(request.token())) {
            throw new EnrolmentRefused("enrol.refused.invitation");
        }
        Account account = create(request, invitation.role(), step);
        AuditActor self = AuditActor.account(account.username());
        events.publishEvent(new AccountChange.InvitationUsed(self, account.username(), invitation.createdBy()));
        events.publishEvent(new AccountChange.AccountCreated(self, account.username(), invitation.role()));
        return account;
    }

    /** A re-enrolment link replaces the second factor of the account it names, after the password is proved. */
    @Transactional
    public Account reEnrol(EnrolmentRequest request) throws EnrolmentRefused {
        Invitation invitation = invitations.peek(request.token()).filter(Invitation::isReEnrolment)
                .orElseThrow(() -> new EnrolmentRefused("enrol.refused.link"));
        Account account = accounts.findById(invitation.accountId()).filter(Account::enabled)
                .orElseThrow(() -> new EnrolmentRefused("enrol.refused.link"));
        if (!authenticator.passwordUnderLockout(account.id(), request.password(),
                ConsoleAuthenticator.Factor.RE_ENROLMENT)) {
            invitations.recordFailure(request.token(), REENROLMENT_FAILURES);
            throw new EnrolmentRefused("enrol.refused.notAccepted");
        }
        long step = checkCode(request);
        if (!invitations.consume(request.token())) {
            throw new EnrolmentRefused("enrol.refused.link");
        }
        accounts.setTotpSecret(account.id(), request.totpSecret(), step);
        events.publishEvent(new AccountChange.SecondFactorEnrolled(AuditActor.account(account.username()),
                account.username()));
        return accounts.findById(account.id()).orElseThrow();
    }

    /** The user name alone, checked before the second factor is shown so that the app's entry can carry it. */
    public void checkUsername(String username) throws EnrolmentRefused {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new EnrolmentRefused("enrol.refused.usernameForm");
        }
        if (RESERVED.contains(username)) {
            // The audit log names the command line and scheduled jobs so; no person may pass as them.
            throw new EnrolmentRefused("enrol.refused.reserved",
                    String.join(", ", new java.util.TreeSet<>(RESERVED)));
        }
        if (accounts.findByUsername(username).isPresent()) {
            throw new EnrolmentRefused("enrol.refused.taken");
        }
    }

    private long checkNewAccount(EnrolmentRequest request) throws EnrolmentRefused {
        checkUsername(request.username());
        var problem = policy.problem(request.password(), request.username());
        if (problem.isPresent()) {
            throw new EnrolmentRefused(problem.get());
        }
        return checkCode(request);
    }

    private long checkCode(EnrolmentRequest request) throws EnrolmentRefused {
        OptionalLong step = totp.verify(request.totpSecret(), request.totpCode(), 0);
        if (step.isEmpty()) {
            throw new EnrolmentRefused("enrol.refused.code");
        }
        return step.getAsLong();
    }

    private Account create(EnrolmentRequest request, Role role, long step) throws EnrolmentRefused {
        String id = ids.next();
        try {
            accounts.insert(id, request.username(), hasher.hash(request.password()), role, request.totpSecret(), step,
                    DayRounding.today(clock));
        } catch (DuplicateKeyException taken) {
            throw new EnrolmentRefused("enrol.refused.taken");
        }
        return accounts.findById(id).orElseThrow();
    }
}
