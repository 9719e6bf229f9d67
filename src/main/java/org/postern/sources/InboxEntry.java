package org.postern.sources;

import java.time.LocalDate;
import java.util.List;

/** One row of the inbox, as one investigator sees it: unread and starred are theirs. */
public record InboxEntry(String sourceId, String designation, LocalDate lastActivityOn, int submissions,
        int replies, boolean unread, boolean starred, SourceStatus status, List<String> labels,
        String assigneeName) {
}
