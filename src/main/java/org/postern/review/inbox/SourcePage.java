package org.postern.review.inbox;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.postern.i18n.Formats;
import org.postern.review.ConsoleText;
import org.postern.accounts.Account;
import org.postern.accounts.AccountRepository;
import org.postern.recipients.BlobRecipients;
import org.postern.recipients.BlobRecipients.Holder;
import org.postern.sources.Reply;
import org.postern.sources.ReplyRepository;
import org.postern.sources.SeenMarks;
import org.postern.sources.Source;
import org.postern.sources.SourceRepository;
import org.postern.sources.SourceStatus;
import org.postern.sources.Submission;
import org.postern.sources.SubmissionKind;
import org.postern.sources.SubmissionRepository;
import org.postern.sources.Triage;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** Loads a source for a console page and fills the model of its page; 404 when there is no such source. */
@Component
class SourcePage {

    static final String VIEW = "review/source";

    private final SourceRepository sources;
    private final SubmissionRepository submissions;
    private final ReplyRepository replies;
    private final Triage triage;
    private final SeenMarks seen;
    private final AccountRepository accounts;
    private final BlobRecipients blobKeys;
    private final ConsoleText text;

    SourcePage(SourceRepository sources, SubmissionRepository submissions, ReplyRepository replies, Triage triage,
            SeenMarks seen, AccountRepository accounts, BlobRecipients blobKeys, ConsoleText text) {
        this.blobKeys = blobKeys;
        this.text = text;
        this.sources = sources;
        this.submissions = submissions;
        this.replies = replies;
        this.triage = triage;
        this.seen = seen;
        this.accounts = accounts;
    }

    /** The source named by a path segment, or a 404 for a malformed or unknown id alike. */
    Source load(String rawId) {
        return sources.findById(PathIds.sourceId(rawId)).orElseThrow(PathIds::notFound);
    }

    /**
     * Fills the model for {@link #VIEW}.
     *
     * @return the highest submission number shown, for marking the page as seen
     */
    int fill(Model model, Source source, String accountId) {
        Set<Integer> unseen = seen.unseen(accountId, source.id());
        List<Submission> shown = submissions.findBySource(source.id());
        List<Reply> sent = replies.findBySource(source.id());
        model.addAttribute("source", source);
        model.addAttribute("triage", triage.of(source.id(), accountId).orElseThrow(PathIds::notFound));
        model.addAttribute("statuses", SourceStatus.values());
        model.addAttribute("assignees", accounts.findAll().stream().filter(Account::enabled).toList());
        Map<Integer, List<Holder>> submissionKeys = blobKeys.ofSubmissions(source.id());
        Map<Integer, List<Holder>> replyKeys = blobKeys.ofReplies(source.id());
        Optional<String> myKey = blobKeys.currentKeyOf(accountId);
        model.addAttribute("submissions", shown.stream().map(s -> {
            List<Holder> to = submissionKeys.getOrDefault(s.seq(), List.of());
            return new SubmissionRow(s.seq(), s.kind() == SubmissionKind.MESSAGE ? "Message" : "File",
                    Formats.size(s.encryptedSize(), text.language()), Formats.day(s.receivedOn(), text.language()),
                    unseen.contains(s.seq()),
                    FileNames.submission(source.designation(), s.seq()), describe(to), needs(to, myKey),
                    s.kind() == SubmissionKind.MESSAGE);
        }).toList());
        model.addAttribute("replies", sent.stream().map(r -> {
            List<Holder> to = replyKeys.getOrDefault(r.seq(), List.of());
            return new ReplyRow(r.seq(), Formats.size(r.encryptedSize(), text.language()),
                    Formats.day(r.sentOn(), text.language()),
                    FileNames.reply(source.designation(), r.seq()), describe(to), needs(to, myKey));
        }).toList());
        model.addAttribute("archiveName", FileNames.archive(source.designation()));
        model.addAttribute("maxReplyBytes", ReplyController.MAX_REPLY_BYTES);
        return shown.stream().mapToInt(Submission::seq).max().orElse(0);
    }

    /** "alice, bob (retired key), the organisation recovery key"; empty where the keys were not recorded. */
    private String describe(List<Holder> to) {
        return to.stream().map(h -> h.retired() ? text.of("source.retiredKeyOf", label(h)) : label(h))
                .collect(Collectors.joining(", "));
    }

    private String label(Holder holder) {
        return holder.recovery() ? text.of("source.recoveryKey") : holder.label();
    }

    /** Empty when the signed-in investigator's current key opens the blob, else which keys do. */
    private String needs(List<Holder> to, Optional<String> myKey) {
        if (to.isEmpty() || myKey.isPresent() && to.stream().anyMatch(h -> h.fingerprint().equals(myKey.get()))) {
            return "";
        }
        String which = to.stream().map(h -> text.of(h.retired() ? "source.holderRetired" : "source.holderKey",
                label(h), h.groupedFingerprint())).collect(Collectors.joining("; "));
        return text.of(myKey.isPresent() ? "source.needsCurrent" : "source.needsNone", which);
    }

    /** {@code message} tells the in-browser reader to show it as text rather than offer a file. */
    record SubmissionRow(int seq, String kind, String size, String day, boolean unseen, String fileName,
            String encryptedTo, String needs, boolean message) {
    }

    record ReplyRow(int seq, String size, String day, String fileName, String encryptedTo, String needs) {
    }
}
