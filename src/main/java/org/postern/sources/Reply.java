package org.postern.sources;

import java.time.LocalDate;

import org.postern.store.BlobId;

/** An investigator's reply, encrypted to the source's reply key and to the recipients. */
public record Reply(String id, String sourceId, int seq, BlobId blobId, long encryptedSize, LocalDate sentOn) {
}
