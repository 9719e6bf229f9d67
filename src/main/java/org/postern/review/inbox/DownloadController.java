package org.postern.review.inbox;

import org.postern.audit.AuditAction;
import org.postern.audit.AuditDetail;
import org.postern.audit.AuditEvent;
import org.postern.audit.AuditLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.postern.review.ConsoleUser;
import org.postern.sources.Reply;
import org.postern.sources.ReplyRepository;
import org.postern.sources.SeenMarks;
import org.postern.sources.Source;
import org.postern.sources.Submission;
import org.postern.sources.SubmissionRepository;
import org.postern.store.BlobId;
import org.postern.store.BlobStore;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Encrypted files, exactly as stored, streamed from the blob store: the console never holds a whole file and
 * never decrypts. Investigators decrypt downloads with gpg on their own machines.
 */
@Controller
class DownloadController {

    static final String PGP = "application/pgp-encrypted";
    private static final int BUFFER = 1 << 16;

    private final SourcePage page;
    private final SubmissionRepository submissions;
    private final ReplyRepository replies;
    private final BlobStore store;
    private final SeenMarks seen;

    private final AuditLog audit;

    DownloadController(SourcePage page, SubmissionRepository submissions, ReplyRepository replies, BlobStore store,
            SeenMarks seen, AuditLog audit) {
        this.audit = audit;
        this.page = page;
        this.submissions = submissions;
        this.replies = replies;
        this.store = store;
        this.seen = seen;
    }

    @GetMapping("/sources/{id}/submissions/{n}/download")
    void submission(@AuthenticationPrincipal ConsoleUser me, @PathVariable("id") String id,
            @PathVariable("n") String n, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Source source = page.load(id);
        Submission submission = submissions.find(source.id(), PathIds.number(n)).orElseThrow(PathIds::notFound);
        send(submission.blobId(), FileNames.submission(source.designation(), submission.seq()), request, response);
        seen.markSeen(me.accountId(), submission);
        audit.record(new AuditEvent(me.actor(), AuditAction.SUBMISSION_DOWNLOADED,
                source.designation(), AuditDetail.of("audit.detail.submission", submission.seq())));
    }

    @GetMapping("/sources/{id}/replies/{n}/download")
    void reply(@AuthenticationPrincipal ConsoleUser me, @PathVariable("id") String id, @PathVariable("n") String n,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        Source source = page.load(id);
        Reply reply = replies.find(source.id(), PathIds.number(n)).orElseThrow(PathIds::notFound);
        send(reply.blobId(), FileNames.reply(source.designation(), reply.seq()), request, response);
        audit.record(new AuditEvent(me.actor(), AuditAction.SUBMISSION_DOWNLOADED,
                source.designation(), AuditDetail.of("audit.detail.reply", reply.seq())));
    }

    /**
     * Every encrypted file of the source in one zip, written entry by entry as it is read. Entries are deflate
     * at level 0: ciphertext does not compress, and unlike STORED entries they need no CRC before their data,
     * so each file is read once.
     */
    @GetMapping("/sources/{id}/archive")
    void archive(@AuthenticationPrincipal ConsoleUser me, @PathVariable("id") String id,
            HttpServletResponse response) throws IOException {
        Source source = page.load(id);
        List<Submission> files = submissions.findBySource(source.id());
        List<Reply> sent = replies.findBySource(source.id());
        response.setContentType("application/zip");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, attachment(FileNames.archive(source.designation())));
        try (ZipOutputStream zip = new ZipOutputStream(response.getOutputStream())) {
            zip.setLevel(Deflater.NO_COMPRESSION);
            for (Submission s : files) {
                entry(zip, s.blobId(), FileNames.submission(source.designation(), s.seq()), s.receivedOn());
            }
            for (Reply r : sent) {
                entry(zip, r.blobId(), FileNames.reply(source.designation(), r.seq()), r.sentOn());
            }
        }
        seen.markSeenThrough(me.accountId(), source.id(),
                files.stream().mapToInt(Submission::seq).max().orElse(0));
        audit.record(new AuditEvent(me.actor(), AuditAction.SOURCE_ARCHIVE_DOWNLOADED,
                source.designation(), AuditDetail.of("audit.detail.archive", files.size(), sent.size())));
    }

    /**
     * Sends the blob, or the one byte range asked for, so that a download cut off over Tor can resume. Blobs
     * never change once published, so the entity tag only has to tell one blob from another.
     */
    private void send(BlobId blob, String fileName, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        long size;
        try {
            size = store.size(blob);
        } catch (NoSuchFileException gone) {
            // Deleted a moment ago by someone else.
            throw PathIds.notFound();
        }
        String etag = ByteRanges.entityTag(blob);
        ByteRanges.Range range = ByteRanges.requested(request.getHeader(HttpHeaders.RANGE),
                request.getHeader(HttpHeaders.IF_RANGE), etag, size);
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, attachment(fileName));
        if (range == ByteRanges.UNSATISFIABLE) {
            response.setStatus(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
            response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
            return;
        }
        InputStream in;
        try {
            // A resumed download reads from its first byte on: the store never sends what is skipped.
            in = store.open(blob, range == null ? 0 : range.first());
        } catch (NoSuchFileException gone) {
            throw PathIds.notFound();
        }
        try (in) {
            response.setContentType(PGP);
            if (range == null) {
                response.setContentLengthLong(size);
                copy(in, response.getOutputStream());
                return;
            }
            response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
            response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes " + range.first() + "-" + range.last() + "/" + size);
            response.setContentLengthLong(range.length());
            copy(in, response.getOutputStream(), range.length());
        }
    }

    private void entry(ZipOutputStream zip, BlobId blob, String name, LocalDate day) throws IOException {
        InputStream in;
        try {
            in = store.open(blob);
        } catch (NoSuchFileException gone) {
            // Deleted since the list was read: it is gone for the archive too.
            return;
        }
        try (in) {
            ZipEntry entry = new ZipEntry(name);
            // The item's own day, as stored: no time of day.
            entry.setTimeLocal(day.atStartOfDay());
            zip.putNextEntry(entry);
            copy(in, zip);
            zip.closeEntry();
        }
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER];
        for (int n; (n = in.read(buffer)) > 0;) {
            out.write(buffer, 0, n);
        }
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[BUFFER];
        for (long left = length; left > 0;) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new java.io.EOFException("blob shorter than its size");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static String attachment(String fileName) {
        return ContentDisposition.attachment().filename(fileName).build().toString();
    }
}
