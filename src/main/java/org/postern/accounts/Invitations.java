package org.postern.accounts;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.postern.audit.AuditActor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** One-time, expiring invitation links. The token itself is shown once and never stored. */
@Service
public class Invitations {

    static final Duration VALIDITY = Duration.ofHours(72);

    private final JdbcClient jdbc;
    private final SecureRandom random;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Invitations(JdbcClient jdbc, SecureRandom random, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.random = random;
        this.clock = clock;
    }

    /** @return the token for the link; shown to the admin once */
    @Transactional
    public String create(Role role, String createdBy) {
        String token = insert(role, null, createdBy);
        events.publishEvent(new AccountChange.InvitationCreated(AuditActor.account(createdBy), role));
        return token;
    }

    /** A link that lets an existing account enrol a new second factor. */
    public String createReEnrolment(Account account, String createdBy) {
        return insert(account.role(), account.id(), createdBy);
    }

    public Optional<Invitation> peek(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("select * from invitation where token_hash = ? and not used and expires_at > ?")
                .params(OneTimeTokens.hash(token), Timestamp.from(clock.instant()))
                .query((rs, n) -> new Invitation(Role.valueOf(rs.getString("role")), rs.getString("account_id"),
                        rs.getString("created_by"), rs.getTimestamp("expires_at").toInstant()))
                .optional();
    }

    /** Marks the token used; false if it was used, expired or unknown. Atomic: a link works once. */
    boolean consume(String token) {
        return jdbc.sql("update invitation set used = true where token_hash = ? and not used and expires_at > ?")
                .params(OneTimeTokens.hash(token), Timestamp.from(clock.instant())).update() == 1;
    }

    /** Counts a wrong password against the link; the failure past {@code allowed} cancels it. */
    void recordFailure(String token, int allowed) {
        String hash = OneTimeTokens.hash(token);
        jdbc.sql("update invitation set failed_attempts = failed_attempts + 1 where token_hash = ?").param(hash)
                .update();
        jdbc.sql("update invitation set used = true where token_hash = ? and failed_attempts >= ?")
                .params(hash, allowed).update();
    }

    private String insert(Role role, String accountId, String createdBy) {
        String token = OneTimeTokens.newToken(random);
        Instant expires = clock.instant().plus(VALIDITY);
        jdbc.sql("insert into invitation (token_hash, role, account_id, created_by, expires_at) values (?, ?, ?, ?, ?)")
                .params(OneTimeTokens.hash(token), role.name(), accountId, createdBy, Timestamp.from(expires))
                .update();
        return token;
    }
}
