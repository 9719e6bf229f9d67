package org.postern.sources;

import java.time.LocalDate;

import org.postern.store.BlobId;

/** One encrypted message or file; {@code seq} numbers a source's submissions from 1. */
public record Submission(String id, String sourceId, int seq, SubmissionKind kind, BlobId blobId,
        long encryptedSize, LocalDate receivedOn) {
}
