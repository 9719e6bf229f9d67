/**
 * Recipient keys and their vetting: who may receive submissions, the two-person approval rule, expiry,
 * retirement and the recovery key. It may use {@code accounts}, {@code audit}, {@code config} and {@code
 * crypto}.
 */
package org.postern.recipients;
