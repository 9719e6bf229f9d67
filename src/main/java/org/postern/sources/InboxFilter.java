package org.postern.sources;

/**
 * What the inbox shows: each filter is optional and they combine with AND. {@code assigneeId} is an account
 * id, {@link #UNASSIGNED} for sources with no assignee, or null for any. Pages count from 1.
 */
public record InboxFilter(SourceStatus status, String label, String assigneeId, boolean unreadOnly,
        boolean starredOnly, int page) {

    public static final String UNASSIGNED = "none";
    public static final int PAGE_SIZE = 50;

    public InboxFilter {
        if (page < 1) {
            throw new IllegalArgumentException("pages count from 1");
        }
    }

    public static InboxFilter everything() {
        return new InboxFilter(null, null, null, false, false, 1);
    }
}
