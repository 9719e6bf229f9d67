package org.postern.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;

/** Many threads appending at once still leave one unforked chain with every number used once. */
@Tag("postgresql")
class ConcurrentAppendTest {

    private static final int THREADS = 8;
    private static final int APPENDS = 50;

    @Test
    void concurrentAppendsFormOneChain() throws Exception {
        try (AuditCore core = AuditCore.inFreshDataDir()) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Long>>> results = new ArrayList<>();
            try {
                for (int t = 0; t < THREADS; t++) {
                    String actor = "investigator" + t;
                    results.add(pool.submit(() -> {
                        go.await();
                        List<Long> seqs = new ArrayList<>();
                        for (int i = 0; i < APPENDS; i++) {
                            seqs.add(core.log().record(AuditEvent.of(actor, AuditAction.SUBMISSION_DOWNLOADED,
                                    "designation-" + i)).seq());
                        }
                        return seqs;
                    }));
                }
                go.countDown();
                List<Long> all = new ArrayList<>();
                for (Future<List<Long>> result : results) {
                    all.addAll(result.get(2, TimeUnit.MINUTES));
                }
                assertThat(all).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, THREADS * APPENDS).boxed()
                                .toList());
            } finally {
                pool.shutdownNow();
            }
            assertThat(core.jdbc().sql("select count(distinct seq) from audit_entry").query(Long.class).single())
                    .isEqualTo(THREADS * APPENDS);
            AuditVerification result = core.verifier().verify();
            assertThat(result.intact()).as(result.reason()).isTrue();
            assertThat(result.entries()).isEqualTo(THREADS * APPENDS);
        }
    }

    @Test
    void anEntryRecordedInsideARolledBackTransactionIsGoneWithIt() {
        try (AuditCore core = AuditCore.inFreshDataDir()) {
            core.log().record(AuditEvent.of("alice", AuditAction.LOGIN_SUCCEEDED, "alice"));
            TransactionTemplate tx = new TransactionTemplate(core.transactions());
            tx.executeWithoutResult(status -> {
                core.log().record(AuditEvent.of("alice", AuditAction.SOURCE_DELETED, "quiet-otter"));
                status.setRollbackOnly();
            });
            AuditEntry next = core.log().record(AuditEvent.of("alice", AuditAction.LOGOUT, "alice"));

            assertThat(next.seq()).isEqualTo(2);
            assertThat(core.log().page(0, 10)).extracting(AuditEntry::action)
                    .containsExactly(AuditAction.LOGOUT, AuditAction.LOGIN_SUCCEEDED);
            assertThat(core.verifier().verify().intact()).isTrue();
        }
    }
}
