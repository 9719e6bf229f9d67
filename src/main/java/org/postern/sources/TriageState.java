package org.postern.sources;

import java.util.List;

/** A source's triage as one investigator sees it: status, assignee and labels are shared, the star is theirs. */
public record TriageState(SourceStatus status, String assigneeId, String assigneeName, List<String> labels,
        boolean starred) {
}
