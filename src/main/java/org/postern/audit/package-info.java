/**
 * The append-only, hash-chained audit log of staff and system actions: what may be recorded ({@link
 * org.postern.audit.AuditAction}, identifiers only, never content), appending under the head row's lock, and
 * verification. It depends on no other Postern module, so that every module can record into it.
 */
package org.postern.audit;
