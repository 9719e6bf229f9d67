package org.postern.accounts;

import java.time.LocalDate;

/**
 * A change to the set of admins that waits for a second admin. {@code targetName} is empty for an invitation.
 */
public record AdminProposal(String id, Kind kind, String targetId, String targetName, String proposedById,
        String proposedByName, LocalDate proposedOn) {

    public enum Kind {
        DISABLE_ADMIN,
        ENABLE_ADMIN,
        INVITE_ADMIN
    }
}
