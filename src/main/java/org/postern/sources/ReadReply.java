package org.postern.sources;

import java.time.LocalDate;

/** A reply as its source reads it: the day it was sent, and its text, or none when its blob cannot be read. */
public record ReadReply(String id, LocalDate day, String text) {

    @Override
    public String toString() {
        return "ReadReply[" + id + ", " + day + ", [REDACTED]]";
    }
}
