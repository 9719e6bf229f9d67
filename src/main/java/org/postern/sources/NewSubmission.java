package org.postern.sources;

import org.postern.store.BlobId;

/** A published blob waiting for its row. */
public record NewSubmission(SubmissionKind kind, BlobId blobId, long encryptedSize) {
}
