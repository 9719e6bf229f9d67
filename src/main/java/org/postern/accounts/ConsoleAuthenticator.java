package org.postern.accounts;

import org.postern.audit.AuditAction;
import org.postern.audit.AuditActor;
import org.postern.audit.AuditDetail;
import org.postern.audit.AuditEvent;
import org.postern.audit.AuditLog;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.postern.crypto.KdfBusyException;
import org.postern.crypto.SecretBytes;
import org.springframework.stereotype.Service;

/**
 * Checks a user name, password and current TOTP code together, and says only yes or no: an unknown user, a
 * wrong password, a wrong or replayed code and a locked account are indistinguishable to the caller.
 * Failures lock the account for growing periods; a global budget caps guessing across all accounts.
 *
 * <p>A login with a security key comes in two halves, {@link #passwordBeforeSecurityKey} and
 * {@link #finishWithSecurityKey}, under the same throttling. The first half's answer is never shown: the caller
 * asks for the key whatever it says, and only the second half succeeds or fails.
 */
@Service
public class ConsoleAuthenticator {

    /** Failures up to this many lock for seconds; beyond it, for a quarter of an hour and doubling. */
    static final int SHORT_LOCKS = 4;
    static final Duration MAX_LOCK = Duration.ofHours(4);

    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final Totp totp;
    private final GlobalLoginBudget budget;
    private final Clock clock;
    private final AtomicReference<String> dummyHash = new AtomicReference<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final AuditLog audit;
    private final SecurityKeys keys;
    private final SecurityKeyRequirement keysRequired;
    private final FailureBookkeepingTime bookkeeping;

    private static final String DUMMY_PASSWORD = "postern-dummy-password-for-timing";

    ConsoleAuthenticator(AccountRepository accounts, PasswordHasher hasher, Totp totp, GlobalLoginBudget budget,
            Clock clock, AuditLog audit, SecurityKeys keys, SecurityKeyRequirement keysRequired,
            SecureRandom random) {
        this.bookkeeping = new FailureBookkeepingTime(random);
        this.audit = audit;
        this.keys = keys;
        this.keysRequired = keysRequired;
        this.accounts = accounts;
        this.hasher = hasher;
        this.totp = totp;
        this.budget = budget;
        this.clock = clock;
    }

    /**
     * What an unknown name costs: one Argon2id run, as checking a real password does, so timing does not tell
     * which names exist. The first time, that run makes the dummy hash; after that it checks against it. Nothing
     * is hashed at start-up, where on two cores it cost a second.
     */
    private boolean dummyCheck(String password) {
        if (password == null || password.length() > PasswordHasher.MAX_PASSWORD_CHARS) {
            return false; // as PasswordHasher.matches refuses it, before any hashing
        }
        String dummy = dummyHash.get();
        if (dummy == null) {
            dummyHash.compareAndSet(null, hasher.hash(DUMMY_PASSWORD));
        } else {
            hasher.matches(password, dummy);
        }
        return false;
    }

    public Optional<Account> authenticate(String username, String password, String code) {
        return guarded(username, password, (account, passwordOk) -> finish(account,
                passwordOk && codeAccepted(account, code) && !(keysRequired.isOn() && keys.anyFor(account.id())),
                Factor.CODE));
    }

    /**
     * The first half of a login with a security key: the account, if the password is right, the account is
     * enabled and it has a key. Right or wrong, the password counts as a failed login here and now, with the
     * same lock: a right password without its key is a provisional failure that only the key step clears, so
     * neither the answer, the lock nor the next attempt's timing confirms a phished password.
     */
    public Optional<PendingKeyLogin> passwordBeforeSecurityKey(String username, String password) {
        return guarded(username, password, (account, passwordOk) -> {
            int failures = failed(account, Factor.SECURITY_KEY);
            if (passwordOk && keys.anyFor(account.id())) {
                return Optional.of(new PendingKeyLogin(account.id(), account.sessionEpoch(),
                        clock.instant().plus(PendingKeyLogin.VALID_FOR), failures));
            }
            return Optional.empty();
        });
    }

    /**
     * The second half: {@code keyVerified} says the browser's assertion was checked and made by one of this
     * account's keys. Every pending login is used once, whatever the outcome.
     */
    public Optional<Account> finishWithSecurityKey(PendingKeyLogin pending, boolean keyVerified) {
        if (pending == null) {
            budget.spend();
            return Optional.empty();
        }
        Optional<Account> found = accounts.findById(pending.accountId());
        if (found.isEmpty() || !inFlight.add(pending.accountId())) {
            return Optional.empty();
        }
        try {
            Account account = found.get();
            // The lock the password step set yields to its own key step, not to one after further failures.
            boolean locked = account.lockedUntil() != null && clock.instant().isBefore(account.lockedUntil())
                    && account.failedLogins() != pending.failures();
            boolean ok = keyVerified && !locked && account.enabled() && account.sessionEpoch() == pending.epoch()
                    && clock.instant().isBefore(pending.expires());
            return finish(account, ok, Factor.SECURITY_KEY);
        } finally {
            inFlight.remove(pending.accountId());
        }
    }

    /**
     * A password checked outside a login (re-enrolling a second factor, changing the password), under the same
     * budget, one-at-a-time guard, lock and audit as a login. True only for the right password of an enabled,
     * unlocked account; every failure costs the same time and counts against the account.
     */
    boolean passwordUnderLockout(String accountId, String password, Factor purpose) {
        if (!budget.hasRoom()) {
            return refusedAfterDummyCheck(password).isPresent();
        }
        Optional<Account> found = accounts.findById(accountId);
        if (found.isEmpty() || !inFlight.add(accountId)) {
            return refusedAfterDummyCheck(password).isPresent();
        }
        try {
            return check(found.get(), password, (account, passwordOk) -> {
                if (passwordOk) {
                    return Optional.of(account);
                }
                failed(account, purpose);
                return Optional.empty();
            }).isPresent();
        } catch (KdfBusyException busy) {
            return false;
        } finally {
            inFlight.remove(accountId);
        }
    }

    /** True if the account waiting for its key is the one named. */
    public boolean keyBelongsTo(PendingKeyLogin pending, String username) {
        return accounts.findById(pending.accountId()).map(a -> a.username().equals(username)).orElse(false);
    }

    /** What to do once the password is checked, with the account read afresh under the one-at-a-time guard. */
    private interface AfterPassword<T> {
        Optional<T> apply(Account account, boolean passwordOk);
    }

    /**
     * Every way to fail costs one Argon2id run, as checking a real password does: an unknown name, a locked
     * account, an attempt while another is in flight and an empty budget answer in the same time as a wrong
     * password or code, so timing tells nothing about which names exist or what state they are in.
     */
    private <T> Optional<T> guarded(String username, String password, AfterPassword<T> then) {
        if (username == null || username.length() > 64 || !budget.hasRoom()) {
            return refusedAfterDummyCheck(password);
        }
        Optional<Account> found = accounts.findByUsername(username);
        if (found.isEmpty()) {
            budget.spend();
            return refusedAfterDummyCheck(password);
        }
        Account account = found.get();
        // One attempt per account at a time: parallel guesses must not all slip in before the lock.
        if (!inFlight.add(account.id())) {
            return refusedAfterDummyCheck(password);
        }
        try {
            return check(account, password, then);
        } catch (KdfBusyException busy) {
            return Optional.empty();
        } finally {
            inFlight.remove(account.id());
        }
    }

    /** A failure that records nothing: one Argon2id run, then as long as recording a failure takes. */
    private <T> Optional<T> refusedAfterDummyCheck(String password) {
        try {
            dummyCheck(password);
        } catch (KdfBusyException busy) {
            // refused either way
        }
        bookkeeping.waitAsLongAsRecording();
        return Optional.empty();
    }

    private <T> Optional<T> check(Account account, String password, AfterPassword<T> then) {
        Account fresh = accounts.findById(account.id()).orElseThrow();
        Instant now = clock.instant();
        if (fresh.lockedUntil() != null && now.isBefore(fresh.lockedUntil())) {
            return refusedAfterDummyCheck(password);
        }
        boolean passwordOk = accounts.passwordHash(fresh.id()).map(hash -> hasher.matches(password, hash))
                .orElseGet(() -> dummyCheck(password));
        return then.apply(fresh, passwordOk && fresh.enabled());
    }

    private Optional<Account> finish(Account account, boolean ok, Factor factor) {
        if (ok) {
            accounts.clearFailures(account.id());
            audit.record(new AuditEvent(account.username(), AuditAction.LOGIN_SUCCEEDED, account.username(),
                    AuditDetail.of(factor.succeeded())));
            return accounts.findById(account.id());
        }
        failed(account, factor);
        return Optional.empty();
    }

    /** Records the failure and its lock; returns the account's failure count after it. */
    private int failed(Account fresh, Factor factor) {
        long start = System.nanoTime();
        int failures = recordFailure(fresh, factor);
        bookkeeping.record(System.nanoTime() - start);
        return failures;
    }

    // The entries here are appended directly, not published: the append is part of the time measured above, which
    // the failures that record nothing wait for, and it must stay inside that window even in a caller's transaction.
    private int recordFailure(Account fresh, Factor factor) {
        int failures = accounts.recordFailure(fresh.id());
        Duration lock = lockFor(failures);
        accounts.lockUntil(fresh.id(), clock.instant().plus(lock));
        budget.spend();
        // Recorded against an existing account only: a typed user name may be a mistyped password.
        audit.record(new AuditEvent(fresh.username(), AuditAction.LOGIN_FAILED, fresh.username(),
                AuditDetail.of(factor.failed(), failures)));
        if (failures > SHORT_LOCKS) {
            audit.record(new AuditEvent(AuditActor.SYSTEM, AuditAction.ACCOUNT_LOCKED, fresh.username(),
                    AuditDetail.of("audit.detail.lockedFor", lock.toMinutes())));
        }
        return failures;
    }

    private boolean codeAccepted(Account account, String code) {
        Optional<SecretBytes> secret = accounts.totpSecret(account.id());
        if (secret.isEmpty()) {
            return false;
        }
        try (SecretBytes s = secret.get()) {
            OptionalLong step = totp.verify(s, code, accounts.totpLastStep(account.id()));
            return step.isPresent() && accounts.useTotpStep(account.id(), step.getAsLong());
        }
    }

    static Duration lockFor(int failures) {
        if (failures <= SHORT_LOCKS) {
            return Duration.ofSeconds(2L * failures);
        }
        long minutes = 15L << Math.min(10, failures - SHORT_LOCKS - 1);
        Duration lock = Duration.ofMinutes(minutes);
        return lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock;
    }

    /** What a password was checked with, or for: the audit entry names it. */
    enum Factor {
        CODE, SECURITY_KEY, RE_ENROLMENT, PASSWORD_CHANGE;

        String succeeded() {
            return this == SECURITY_KEY ? "audit.detail.login.securityKey" : "audit.detail.login.code";
        }

        String failed() {
            return switch (this) {
                case CODE -> "audit.detail.loginFailed.code";
                case SECURITY_KEY -> "audit.detail.loginFailed.securityKey";
                case RE_ENROLMENT -> "audit.detail.loginFailed.reEnrolment";
                case PASSWORD_CHANGE -> "audit.detail.loginFailed.passwordChange";
            };
        }
    }
}
