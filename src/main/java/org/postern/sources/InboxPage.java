package org.postern.sources;

import java.util.List;

/** One page of the inbox and how many sources match the filter in all. */
public record InboxPage(List<InboxEntry> entries, int page, long total) {

    public int pageCount() {
        return (int) Math.max(1, (total + InboxFilter.PAGE_SIZE - 1) / InboxFilter.PAGE_SIZE);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pageCount();
    }
}
