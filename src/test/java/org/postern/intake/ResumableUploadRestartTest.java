package org.postern.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.postern.testing.CanaryContent;
import org.postern.testing.DataDirWithKey;
import org.postern.testing.PosternProcess;
import org.postern.testing.SourceVisit;
import org.postern.testing.TusClient;

/**
 * A restart ends every unfinished upload: the key that encrypted its first part existed only in the old process,
 * so the partial ciphertext is deleted and the upload is unknown, whether the server was stopped or killed.
 */
@Tag("slow")
class ResumableUploadRestartTest {

    @Test
    void anUploadInProgressIsGoneAfterAKillAndAStop() throws IOException {
        try (DataDirWithKey data = DataDirWithKey.create()) {
            String[] settings = {"--postern.argon2.memory-kib=8192", "--postern.argon2.iterations=1"};

            String codename;
            String url;
            try (PosternProcess first = PosternProcess.start(data.dataDir(), List.of(), settings)) {
                SourceVisit visit = SourceVisit.newSourceAt(first.sourceUrl());
                codename = visit.codename();
                TusClient tus = visit.tus();
                url = tus.create(2_000_000, "restart-notes.txt").headers().firstValue("Location").orElseThrow();
                byte[] piece = new CanaryContent(700_000, "RESTARTCANARY", 3).readAllBytes();
                assertThat(tus.patch(url, 0, piece).statusCode()).isEqualTo(204);
                assertThat(data.incoming()).hasSize(1);
                first.kill();
            }
            assertThat(data.incoming()).as("a kill leaves the partial ciphertext until startup").hasSize(1);

            try (PosternProcess second = PosternProcess.start(data.dataDir(), List.of(), settings)) {
                assertThat(data.incoming()).as("startup recovery removed it").isEmpty();
                TusClient tus = SourceVisit.logInAt(second.sourceUrl(), codename).tus();
                assertThat(tus.head(url).statusCode()).isEqualTo(404);
                assertThat(tus.patch(url, 700_000, new byte[10]).statusCode()).isEqualTo(404);

                String again = tus.create(1_000_000, "second.txt").headers().firstValue("Location").orElseThrow();
                assertThat(tus.patch(again, 0, new byte[300_000]).statusCode()).isEqualTo(204);
                assertThat(data.incoming()).hasSize(1);
            }
            assertThat(data.incoming()).as("a clean stop drops it too").isEmpty();
            assertThat(data.storedBlobs()).as("no submission from either").isEmpty();
        }
    }
}
