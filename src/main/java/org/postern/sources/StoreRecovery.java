package org.postern.sources;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.postern.store.BlobId;
import org.postern.store.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brings the store and the database back into step after a crash, before any upload is accepted: unfinished
 * blobs go, rows whose blob is missing go, blobs no row names go. It logs counts, never names.
 */
@Component
public class StoreRecovery {

    private static final Logger log = LoggerFactory.getLogger(StoreRecovery.class);

    private final BlobStore store;
    private final JdbcClient jdbc;

    StoreRecovery(BlobStore store, JdbcClient jdbc) {
        this.store = store;
        this.jdbc = jdbc;
    }

    public record Report(int incomplete, int rowsWithoutBlob, int blobsWithoutRow) {
    }

    @Transactional
    public Report recover() throws IOException {
        int incomplete = store.removeIncoming();
        Set<BlobId> onDisk = store.list();
        Set<BlobId> referenced = new HashSet<>();
        int rowsRemoved = 0;
        for (String table : List.of("submission", "reply")) {
            for (String blob : jdbc.sql("select blob_id from " + table).query(String.class).list()) {
                BlobId id = new BlobId(blob);
                if (onDisk.contains(id)) {
                    referenced.add(id);
                } else {
                    rowsRemoved += jdbc.sql("delete from " + table + " where blob_id = ?").param(blob).update();
                }
            }
        }
        int blobsRemoved = 0;
        for (BlobId id : onDisk) {
            if (!referenced.contains(id) && store.delete(id)) {
                blobsRemoved++;
            }
        }
        Report report = new Report(incomplete, rowsRemoved, blobsRemoved);
        if (incomplete + rowsRemoved + blobsRemoved > 0) {
            log.warn("Store recovery removed {} unfinished blobs, {} rows without a blob, {} blobs without a row",
                    incomplete, rowsRemoved, blobsRemoved);
        }
        return report;
    }
}
