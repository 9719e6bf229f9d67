package org.postern.hostile;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One hostile input: the request, which port it goes to, and what must follow. Every case carries a unique
 * canary inside its payload, so that a leak of exactly this input (to disk or to the log) can be found.
 */
record HostileCase(String category, String name, Side side, String canary, Function<Corpus, Req> request,
        Expect expect) {

    enum Side { SOURCE, CONSOLE }

    /**
     * What may be found of the canary afterwards. SECRET: nowhere in the data dir or the log (source content,
     * codenames, reply text). NOT_LOGGED: stored by design where the console needs it (a label, a refused user
     * name that is never stored but harmless), but never in the log.
     */
    enum Secrecy { SECRET, NOT_LOGGED }

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Where a case whose payload cannot hold its canary (an empty body, a fixed codename) carries it instead. */
    static final String CANARY_HEADER = "X-Case";

    static String newCanary() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return "QZX" + HexFormat.of().formatHex(b);
    }

    @Override
    public String toString() {
        return "[" + category + "] " + name;
    }

    /** What the response must be and what the data dir and database must look like after it. */
    record Expect(int minStatus, int maxStatus, Map<String, Long> rowDelta, long blobDelta, Set<String> tolerated,
            Set<String> updated, List<String> audited, Secrecy secrecy, BiConsumer<Corpus, RawHttp.Response> then) {

        /** A clear 4xx on Postern's own page, and nothing kept. */
        static Expect refused() {
            return new Expect(400, 499, Map.of(), 0, Set.of(), Set.of(), List.of(), Secrecy.SECRET, (c, r) -> { });
        }

        static Expect refused(int status) {
            return new Expect(status, status, Map.of(), 0, Set.of(), Set.of(), List.of(), Secrecy.SECRET, (c, r) -> { });
        }

        /**
         * An HTTP/0.9 request line (no version, or one Tomcat reads as none) gets an HTTP/0.9 answer, which has no
         * status line: the body alone, which must still be Postern's refusal.
         */
        static Expect http09Refused() {
            return new Expect(0, 0, Map.of(), 0, Set.of(), Set.of(), List.of(), Secrecy.SECRET, (c, r) -> { });
        }

        /**
         * A request line Tomcat cannot parse: a 400, or, when Tomcat has not yet read a version, an HTTP/0.9
         * answer. Either way the body is Postern's page.
         */
        static Expect badRequestLine() {
            return new Expect(0, 400, Map.of(), 0, Set.of(), Set.of(), List.of(), Secrecy.SECRET, (c, r) ->
                    org.assertj.core.api.Assertions.assertThat(r.status()).isIn(0, 400));
        }

        /** Legitimately accepted: this status, and only the declared changes. */
        static Expect accepted(int status) {
            return new Expect(status, status, Map.of(), 0, Set.of(), Set.of(), List.of(), Secrecy.SECRET, (c, r) -> { });
        }

        Expect rows(String table, long delta) {
            Map<String, Long> rows = new LinkedHashMap<>(rowDelta);
            rows.put(table, delta);
            return new Expect(minStatus, maxStatus, Map.copyOf(rows), blobDelta, tolerated, updated, audited, secrecy, then);
        }

        Expect blobs(long delta) {
            return new Expect(minStatus, maxStatus, rowDelta, delta, tolerated, updated, audited, secrecy, then);
        }

        /** Tables that may change by any amount: the audit log records console actions, refused ones too. */
        Expect tolerating(String... tables) {
            return new Expect(minStatus, maxStatus, rowDelta, blobDelta, Set.of(tables), updated, audited, secrecy, then);
        }

        /** Tables whose rows may change value (a failed-login counter, a sequence number); their count may not. */
        Expect updating(String... tables) {
            return new Expect(minStatus, maxStatus, rowDelta, blobDelta, tolerated, Set.of(tables), audited, secrecy,
                    then);
        }

        /** The audit actions the case adds, one per entry; the chain's head moves with them. Nothing else may. */
        Expect audited(String... actions) {
            return new Expect(minStatus, maxStatus, rowDelta, blobDelta, tolerated, updated, List.of(actions), secrecy, then);
        }

        Expect secrecy(Secrecy s) {
            return new Expect(minStatus, maxStatus, rowDelta, blobDelta, tolerated, updated, audited, s, then);
        }

        Expect then(BiConsumer<Corpus, RawHttp.Response> check) {
            return new Expect(minStatus, maxStatus, rowDelta, blobDelta, tolerated, updated, audited, secrecy, check);
        }

        boolean refusal() {
            return minStatus >= 400;
        }
    }
}
