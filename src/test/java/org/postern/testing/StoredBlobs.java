package org.postern.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.postern.sources.Submission;
import org.postern.sources.SubmissionRepository;

/** The files a filesystem store holds for a source: what a seized server's disk shows of it. */
public final class StoredBlobs {

    private StoredBlobs() {
    }

    /** The stored file of the source's one submission; fails unless the source has exactly one. */
    public static Path onlySubmission(PosternTestServer server, SourceVisit source) {
        List<Submission> stored = server.bean(SubmissionRepository.class).findBySource(source.source().id());
        assertThat(stored).as("the source's submissions").hasSize(1);
        return server.storeDir().resolve(stored.get(0).blobId().value());
    }
}
