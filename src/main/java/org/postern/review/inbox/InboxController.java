package org.postern.review.inbox;

import java.util.Set;

import org.postern.accounts.Account;
import org.postern.accounts.AccountRepository;
import org.postern.review.ConsoleUser;
import org.postern.sources.InboxFilter;
import org.postern.sources.InboxPage;
import org.postern.sources.InboxQueries;
import org.postern.sources.Labels;
import org.postern.sources.SourceStatus;
import org.postern.sources.Triage;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** The console's front page: sources by last activity, filtered and paged in the database, 50 to a page. */
@Controller
class InboxController {

    private static final Set<String> YES = Set.of("1", "on", "true", "yes");
    private static final int MAX_PAGE = 1_000_000;

    private final InboxQueries inbox;
    private final Triage triage;
    private final AccountRepository accounts;

    private final FirstRunChecklist checklist;

    InboxController(InboxQueries inbox, Triage triage, AccountRepository accounts, FirstRunChecklist checklist) {
        this.checklist = checklist;
        this.inbox = inbox;
        this.triage = triage;
        this.accounts = accounts;
    }

    @GetMapping("/")
    String inbox(@AuthenticationPrincipal ConsoleUser user,
            @RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "label", required = false) String label,
            @RequestParam(name = "assignee", required = false) String assignee,
            @RequestParam(name = "unread", required = false) String unread,
            @RequestParam(name = "starred", required = false) String starred,
            @RequestParam(name = "page", required = false) String page, Model model) {
        String me = user.accountId();
        InboxFilter filter = new InboxFilter(status(status), label(label), assignee(assignee, me), flag(unread),
                flag(starred), page(page));
        InboxPage result = inbox.list(me, filter);
        model.addAttribute("result", result);
        if (result.total() == 0 && user.isAdmin()) {
            model.addAttribute("checklist", checklist.items());
        }
        model.addAttribute("statuses", SourceStatus.values());
        model.addAttribute("accounts", accounts.findAll().stream().filter(Account::enabled).toList());
        model.addAttribute("knownLabels", triage.allLabels());
        model.addAttribute("f", new Shown(blank(status) ? "" : status, filter.label() == null ? "" : filter.label(),
                blank(assignee) ? "" : assignee, filter.unreadOnly(), filter.starredOnly()));
        if (result.hasPrevious()) {
            model.addAttribute("previousUrl", pageUrl(filter, assignee, result.page() - 1));
        }
        if (result.hasNext()) {
            model.addAttribute("nextUrl", pageUrl(filter, assignee, result.page() + 1));
        }
        return "review/inbox";
    }

    /** The filter as the form should show it again. */
    record Shown(String status, String label, String assignee, boolean unread, boolean starred) {
    }

    private static String pageUrl(InboxFilter filter, String assignee, int page) {
        UriComponentsBuilder url = UriComponentsBuilder.fromPath("/");
        if (filter.status() != null) {
            url.queryParam("status", filter.status().name());
        }
        if (filter.label() != null) {
            url.queryParam("label", filter.label());
        }
        if (!blank(assignee)) {
            url.queryParam("assignee", assignee);
        }
        if (filter.unreadOnly()) {
            url.queryParam("unread", "1");
        }
        if (filter.starredOnly()) {
            url.queryParam("starred", "1");
        }
        url.queryParam("page", page);
        return url.encode().build().toUriString();
    }

    private static SourceStatus status(String raw) {
        return blank(raw) ? null : SourceStatus.parse(raw).orElseThrow(PathIds::badRequest);
    }

    private static String label(String raw) {
        return blank(raw) ? null : Labels.normalize(raw).orElseThrow(PathIds::badRequest);
    }

    /** Any, "me", "none" (unassigned) or an account id. */
    private static String assignee(String raw, String me) {
        if (blank(raw)) {
            return null;
        }
        if ("me".equals(raw)) {
            return me;
        }
        if (InboxFilter.UNASSIGNED.equals(raw) || PathIds.isAccountId(raw)) {
            return raw;
        }
        throw PathIds.badRequest();
    }

    private static boolean flag(String raw) {
        if (blank(raw)) {
            return false;
        }
        if (YES.contains(raw)) {
            return true;
        }
        throw PathIds.badRequest();
    }

    private static int page(String raw) {
        if (blank(raw)) {
            return 1;
        }
        if (!raw.matches("[1-9][0-9]{0,6}") || Integer.parseInt(raw) > MAX_PAGE) {
            throw PathIds.badRequest();
        }
        return Integer.parseInt(raw);
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }
}
