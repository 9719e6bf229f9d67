package org.postern.sources;

import java.util.List;

import org.postern.store.BlobId;

/** A published blob waiting for its row, and the fingerprints of the keys it was encrypted to. */
public record NewSubmission(SubmissionKind kind, BlobId blobId, long encryptedSize, List<String> fingerprints) {
}
