package org.postern.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

import jakarta.servlet.http.HttpSession;

import org.springframework.web.util.WebUtils;

/**
 * One-time tokens for the upload form, kept in the source's session: each rendering of the form carries a
 * fresh one, and one upload may spend it. A form sent a second time (a resubmitted POST, a second click) finds
 * its token spent and keeps nothing. Held in memory only, so a restart forgets them along with the session.
 */
final class SubmissionTokens {

    static final String FIELD = "token";
    private static final String ATTRIBUTE = SubmissionTokens.class.getName();
    /** Enough for many open tabs; the oldest form's token is forgotten first. */
    private static final int KEEP_ISSUED = 32;
    /** A forgotten spent token reads as an out-of-date form: still refused, only in other words. */
    private static final int KEEP_SPENT = 128;

    enum Claim {
        /** The caller may receive the upload, and must then call {@link #spend} or {@link #release}. */
        CLAIMED,
        /** An upload with this token already arrived. */
        SPENT,
        /** Another upload with this token is still being received. */
        IN_FLIGHT,
        /** Missing, forgotten, or never issued. */
        UNKNOWN
    }

    private final Deque<String> issued = new ArrayDeque<>();
    private final Deque<String> spent = new ArrayDeque<>();
    private final Deque<String> inFlight = new ArrayDeque<>();
    /** Tokens a second request is waiting on: one waiter is a browser's resend, more would only hold threads. */
    private final Deque<String> awaited = new ArrayDeque<>();

    static SubmissionTokens of(HttpSession session) {
        synchronized (WebUtils.getSessionMutex(session)) {
            if (session.getAttribute(ATTRIBUTE) instanceof SubmissionTokens tokens) {
                return tokens;
            }
            SubmissionTokens tokens = new SubmissionTokens();
            session.setAttribute(ATTRIBUTE, tokens);
            return tokens;
        }
    }

    synchronized void issue(String fresh) {
        issued.addLast(fresh);
        trim(issued, KEEP_ISSUED);
    }

    /**
     * Claims {@code token} for one upload. While another request holds it (a browser that sent the form twice
     * aborts the first request), waits up to {@code wait} to learn whether that one arrived.
     */
    synchronized Claim claim(String token, Duration wait) throws InterruptedException {
        if (token == null || token.isEmpty()) {
            return Claim.UNKNOWN;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        String waiting = null;
        try {
            while (find(inFlight, token) != null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Claim.IN_FLIGHT;
                }
                if (waiting == null) {
                    if (find(awaited, token) != null) {
                        return Claim.IN_FLIGHT;
                    }
                    waiting = token;
                    awaited.addLast(waiting);
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } finally {
            if (waiting != null) {
                awaited.remove(waiting);
            }
        }
        if (find(spent, token) != null) {
            return Claim.SPENT;
        }
        String known = find(issued, token);
        if (known == null) {
            return Claim.UNKNOWN;
        }
        issued.remove(known);
        inFlight.addLast(known);
        return Claim.CLAIMED;
    }

    /** The upload arrived: the token can never be used again. */
    synchronized void spend(String token) {
        String held = find(inFlight, token);
        inFlight.remove(held);
        spent.addLast(held);
        trim(spent, KEEP_SPENT);
        notifyAll();
    }

    /** The upload was not kept: the same form may be sent again. */
    synchronized void release(String token) {
        String held = find(inFlight, token);
        inFlight.remove(held);
        issued.addLast(held);
        trim(issued, KEEP_ISSUED);
        notifyAll();
    }

    /** Compared in constant time, like every other value a request presents. */
    private static String find(Deque<String> tokens, String candidate) {
        byte[] wanted = candidate.getBytes(StandardCharsets.UTF_8);
        String found = null;
        for (String token : tokens) {
            if (MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), wanted)) {
                found = token;
            }
        }
        return found;
    }

    private static void trim(Deque<String> tokens, int keep) {
        for (Iterator<String> it = tokens.iterator(); tokens.size() > keep && it.hasNext();) {
            it.next();
            it.remove();
        }
    }
}
