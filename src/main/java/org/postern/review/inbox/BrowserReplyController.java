package org.postern.review.inbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.postern.crypto.BrowserEncryptedReply;
import org.postern.crypto.RecipientKey;
import org.postern.recipients.RecipientRegistry;
import org.postern.review.ConsoleText;
import org.postern.review.ConsoleUser;
import org.postern.review.reading.BrowserReadingPolicy;
import org.postern.sources.BrowserReplies;
import org.postern.sources.Source;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Replies encrypted in the investigator's browser, for those with in-browser reading on: the page fetches the
 * public keys a reply must be encrypted to, and posts the binary OpenPGP message. The server checks its shape
 * and keeps it, or refuses it whole with a reason. The form reply, encrypted on the server, stays as it is.
 */
@Controller
class BrowserReplyController {

    private final SourcePage page;
    private final BrowserReplies replies;
    private final RecipientRegistry recipients;
    private final BrowserReadingPolicy policy;
    private final ConsoleText text;

    BrowserReplyController(SourcePage page, BrowserReplies replies, RecipientRegistry recipients,
            BrowserReadingPolicy policy, ConsoleText text) {
        this.text = text;
        this.page = page;
        this.replies = replies;
        this.recipients = recipients;
        this.policy = policy;
    }

    /** The source's reply key as a bare v4 key packet, and each current recipient's armored certificate. */
    record ReplyKeys(String sourceKeyPacket, List<String> recipients) {
    }

    record Outcome(boolean stored, String message) {
    }

    @GetMapping(path = "/sources/{id}/browser-reply/keys", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<ReplyKeys> keys(@AuthenticationPrincipal ConsoleUser me, @PathVariable("id") String id) {
        Source source = page.load(id);
        if (!policy.activeFor(me.accountId())) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        return ResponseEntity.ok(new ReplyKeys(Base64.getEncoder().encodeToString(source.replyKey().encoded()),
                recipients.activeRecipients().stream().map(RecipientKey::armored).toList()));
    }

    @PostMapping(path = "/sources/{id}/browser-reply", consumes = "application/pgp-encrypted",
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Outcome> reply(@AuthenticationPrincipal ConsoleUser me, @PathVariable("id") String id,
            HttpServletRequest request) throws IOException {
        Source source = page.load(id);
        if (!policy.activeFor(me.accountId())) {
            return refuse(HttpStatus.FORBIDDEN, text.of("browserReply.off"));
        }
        if (!recipients.acceptsSubmissions()) {
            return refuse(HttpStatus.CONFLICT, text.of("browserReply.noRecipient"));
        }
        byte[] message = readBounded(request);
        if (message == null) {
            return refuse(HttpStatus.PAYLOAD_TOO_LARGE,
                    text.of("browserReply.tooLarge", BrowserReplies.MAX_MESSAGE_BYTES / 1024));
        }
        try {
            // Empty when the source was deleted while the reply was being stored.
            replies.accept(source.id(), message, me.actor()).orElseThrow(PathIds::notFound);
            return ResponseEntity.ok(new Outcome(true, text.of("browserReply.stored")));
        } catch (BrowserEncryptedReply.Refused refused) {
            return refuse(HttpStatus.BAD_REQUEST, text.of("browserReply.refused",
                    text.refusal(refused.messageKey(), refused.arguments())));
        }
    }

    private static ResponseEntity<Outcome> refuse(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(new Outcome(false, message));
    }

    /** The body, or null when it is larger than any reply can be. */
    private static byte[] readBounded(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > BrowserReplies.MAX_MESSAGE_BYTES) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            for (int n; (n = in.read(buffer)) > 0;) {
                if (out.size() + n > BrowserReplies.MAX_MESSAGE_BYTES) {
                    return null;
                }
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }
}
