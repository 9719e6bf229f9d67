package org.postern.sources;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The inbox list, filtered, sorted and paged in SQL. Two steps keep it flat as submissions grow: the filter
 * picks one page of source ids (on source columns and indexed lookups only), then counts and labels are read
 * for those 50 sources alone.
 */
@Repository
public class InboxQueries {

    /**
     * The account has not seen some submission of the source: one numbered above its seen-through mark that it
     * did not download on its own. Sources it has read cost one comparison, not a scan of their submissions.
     */
    private static final String UNREAD = """
            (s.submission_seq > coalesce(ss.seen_through, 0)
             and exists (select 1 from submission x where x.source_id = s.id and x.seq > coalesce(ss.seen_through, 0)
                         and not exists (select 1 from submission_seen y
                                         where y.account_id = :me and y.submission_id = x.id)))""";

    private static final String FROM =
            " from source s left join source_seen ss on ss.source_id = s.id and ss.account_id = :me";

    private final JdbcClient jdbc;

    InboxQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public InboxPage list(String accountId, InboxFilter filter) {
        Map<String, Object> params = new HashMap<>();
        params.put("me", accountId);
        String where = where(filter, params);
        long total = jdbc.sql("select count(*)" + FROM + where).params(params).query(Long.class).single();
        params.put("limit", InboxFilter.PAGE_SIZE);
        params.put("offset", (long) (filter.page() - 1) * InboxFilter.PAGE_SIZE);
        List<String> ids = jdbc.sql("select s.id" + FROM + where
                        + " order by s.last_activity_on desc, s.designation limit :limit offset :offset")
                .params(params).query(String.class).list();
        return new InboxPage(details(accountId, ids), filter.page(), total);
    }

    private static String where(InboxFilter filter, Map<String, Object> params) {
        // A source that never sent anything is a codename page left behind, not someone to read.
        StringBuilder where = new StringBuilder(" where s.submission_seq > 0");
        if (filter.status() != null) {
            where.append(" and s.status = :status");
            params.put("status", filter.status().name());
        }
        if (InboxFilter.UNASSIGNED.equals(filter.assigneeId())) {
            where.append(" and s.assignee_id is null");
        } else if (filter.assigneeId() != null) {
            where.append(" and s.assignee_id = :assignee");
            params.put("assignee", filter.assigneeId());
        }
        if (filter.label() != null) {
            where.append(" and exists (select 1 from source_label l where l.source_id = s.id and l.label = :label)");
            params.put("label", filter.label());
        }
        if (filter.starredOnly()) {
            where.append(" and exists (select 1 from source_star st")
                    .append(" where st.source_id = s.id and st.account_id = :me)");
        }
        if (filter.unreadOnly()) {
            where.append(" and ").append(UNREAD);
        }
        return where.toString();
    }

    private List<InboxEntry> details(String accountId, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, List<String>> labels = new HashMap<>();
        jdbc.sql("select source_id, label from source_label where source_id in (:ids) order by label")
                .param("ids", ids)
                .query(rs -> {
                    labels.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        Map<String, InboxEntry> byId = new HashMap<>();
        String sql = "select s.id, s.designation, s.last_activity_on, s.status, a.username as assignee,"
                + " (select count(*) from submission x where x.source_id = s.id) as submissions,"
                + " (select count(*) from reply r where r.source_id = s.id) as replies,"
                + " case when exists (select 1 from source_star st where st.source_id = s.id and st.account_id = :me)"
                + " then 1 else 0 end as starred,"
                + " case when " + UNREAD + " then 1 else 0 end as unread"
                + FROM
                + " left join account a on a.id = s.assignee_id"
                + " where s.id in (:ids)";
        jdbc.sql(sql).param("me", accountId).param("ids", ids)
                .query((rs, n) -> new InboxEntry(rs.getString("id"), rs.getString("designation"),
                        rs.getObject("last_activity_on", LocalDate.class), rs.getInt("submissions"),
                        rs.getInt("replies"), rs.getInt("unread") == 1, rs.getInt("starred") == 1,
                        SourceStatus.parse(rs.getString("status")).orElse(SourceStatus.NEW),
                        List.copyOf(labels.getOrDefault(rs.getString("id"), List.of())), rs.getString("assignee")))
                .list().forEach(e -> byId.put(e.sourceId(), e));
        // Back into the page's order; a source deleted between the two steps simply drops out.
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }
}
