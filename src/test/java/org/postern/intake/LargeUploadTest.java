package org.postern.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postern.testing.CanaryContent;
import org.postern.testing.DataDirWithKey;
import org.postern.testing.GnuPG;
import org.postern.testing.Page;
import org.postern.testing.PosternProcess;
import org.postern.testing.SourceVisit;
import org.postern.testing.TestBrowser;

/** A 2 GiB upload through a server limited to a 256 MiB heap: streaming, not buffering, is what makes it fit. */
@Tag("slow")
class LargeUploadTest {

    private static final long SIZE = 2L * 1024 * 1024 * 1024;

    @Test
    void twoGibibytesThroughA256MebibyteHeap() {
        try (DataDirWithKey data = DataDirWithKey.create()) {
            try (PosternProcess server = PosternProcess.start(data.dataDir(), List.of("-Xmx256m"),
                    "--postern.source.max-upload-bytes=3GB",
                    // Room for the upload is what this test needs of the disk, not the production reserve too.
                    "--postern.uploads.disk-reserve=512MB", "--postern.uploads.disk-reserve-percent=0")) {
                SourceVisit visit = SourceVisit.newSourceAt(server.sourceUrl());
                Page receipt = visit.browser().submit(visit.lookup(), "", List.of(new TestBrowser.FilePart("big.bin",
                        () -> new CanaryContent(SIZE, "BIGCANARY", 7))));
                assertThat(receipt.status()).as(receipt.body()).isEqualTo(200);
                assertThat(server.isAlive()).isTrue();
            }
            GnuPG.DecryptedDigest out = data.gpg().decryptToDigest(data.storedBlobs().get(0));
            assertThat(out.integrityOk()).as(out.status()).isTrue();
            assertThat(out.length()).isEqualTo(SIZE);
            assertThat(out.sha256()).isEqualTo(CanaryContent.sha256(SIZE, "BIGCANARY", 7));
        }
    }
}
