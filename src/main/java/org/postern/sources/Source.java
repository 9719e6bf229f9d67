package org.postern.sources;

import java.time.LocalDate;

import org.postern.crypto.ReplyPublicKey;

/** A source as the server knows it: no codename, no contact details, dates to the day. */
public record Source(String id, String designation, ReplyPublicKey replyKey, LocalDate createdOn,
        LocalDate lastActivityOn) {
}
