package org.postern.audit;

/**
 * The result of walking the chain: intact with its entry count and last hash, or broken at one entry.
 * {@code lastHash} lets an operator note the head elsewhere: the chain alone cannot show a rewrite of its
 * whole tail by someone who also rewrites {@code audit_head}.
 */
public record AuditVerification(boolean intact, long entries, String lastHash, long brokenAt, String reason,
        String reasonKey, long reasonArgument) {

    static AuditVerification intact(long entries, String lastHash) {
        return new AuditVerification(true, entries, lastHash, 0, "", "", 0);
    }

    /**
     * @param reason in English, for the command line
     * @param reasonKey the console bundle's sentence for it, with {@code argument} as its {@code {0}}
     */
    static AuditVerification broken(long seq, String reason, String reasonKey, long argument) {
        return new AuditVerification(false, 0, "", seq, reason, reasonKey, argument);
    }
}
