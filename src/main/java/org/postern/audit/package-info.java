/**
 * The append-only, hash-chained audit log of staff and system actions: what may be recorded ({@link
 * org.postern.audit.AuditAction}, identifiers only, never content), who did it ({@link
 * org.postern.audit.AuditActor}), appending under the head row's lock, and verification. It depends on no other
 * Postern module, so that every module can record into it.
 *
 * <p>A service that changes something publishes a domain event that is {@link org.postern.audit.Audited} inside
 * its transaction, and {@link org.postern.audit.AuditListener} appends the entry with a {@code
 * TransactionalEventListener} in the {@code BEFORE_COMMIT} phase, not a plain {@code EventListener}. Both run in
 * the publisher's transaction, so a rollback takes the entry with the change and a failed append takes the change
 * with it. Before commit is also the latest point: the append locks the log's head row until commit, so taking
 * that lock last keeps the time other writers wait for it short, and a rolled-back change never takes it at all.
 */
package org.postern.audit;
