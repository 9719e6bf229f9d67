package org.postern.intake;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.postern.config.PosternProperties;
import org.postern.crypto.RandomIds;
import org.postern.crypto.SourceReplyKey;
import org.postern.keys.RecipientRegistry;
import org.postern.sources.Reply;
import org.postern.sources.ReplyRepository;
import org.postern.store.BlobStore;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** A logged-in source's page: replies, decrypted in memory with the session's reply key, and the upload form. */
@Controller
class LookupController {

    private final ReplyRepository replies;
    private final BlobStore store;
    private final RecipientRegistry recipients;
    private final RandomIds ids;
    private final PosternProperties.Resumable resumable;

    LookupController(ReplyRepository replies, BlobStore store, RecipientRegistry recipients, RandomIds ids,
            PosternProperties properties) {
        this.resumable = properties.resumable();
        this.replies = replies;
        this.store = store;
        this.recipients = recipients;
        this.ids = ids;
    }

    @GetMapping("/lookup")
    String lookup(HttpServletRequest request, Model model) {
        Optional<String> sourceId = SourceSession.currentSourceId();
        Optional<SourceReplyKey> key = SourceSession.replyKey(request);
        if (sourceId.isEmpty() || key.isEmpty()) {
            return "redirect:/login";
        }
        model.addAttribute("replies", decrypt(replies.findBySource(sourceId.get()), key.get()));
        boolean accepting = recipients.acceptsSubmissions();
        model.addAttribute("accepting", accepting);
        // The page that may run script, and only when it can be used (see IntakeSecurity's CSP).
        model.addAttribute("resumableUploads", accepting && resumable.enabled());
        model.addAttribute("maxResumableBytes", resumable.maxUploadBytes().toBytes());
        if (accepting) {
            String token = ids.next();
            SubmissionTokens.of(request.getSession()).issue(token);
            model.addAttribute("submissionToken", token);
        }
        model.addAttribute("newSource", request.getParameter("new") != null);
        return "intake/lookup";
    }

    private List<ShownReply> decrypt(List<Reply> all, SourceReplyKey key) {
        List<ShownReply> shown = new ArrayList<>();
        for (Reply reply : all) {
            try (InputStream in = store.open(reply.blobId())) {
                shown.add(new ShownReply(reply.id(), reply.sentOn(), key.decryptReply(in)));
            } catch (IOException e) {
                // Not logged: a log line here would time this source's visit.
                shown.add(new ShownReply(reply.id(), reply.sentOn(), null));
            }
        }
        return shown;
    }

    record ShownReply(String id, java.time.LocalDate day, String text) {
    }
}
