package org.postern.recipients;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * How close a recipient key is to the day submissions stop reaching it. Only the day is stored, so a key whose
 * last day is today counts as expired: better to warn a few hours early than to call a dead key live.
 */
public record KeyExpiry(State state, LocalDate on, long daysLeft) {

    /** The warning starts this many days before a key expires. */
    public static final int WARNING_DAYS = 30;

    public enum State {
        NEVER, LATER, SOON, EXPIRED
    }

    public static KeyExpiry of(LocalDate expiresOn, LocalDate today) {
        if (expiresOn == null) {
            return new KeyExpiry(State.NEVER, null, Long.MAX_VALUE);
        }
        long days = ChronoUnit.DAYS.between(today, expiresOn);
        State state = days <= 0 ? State.EXPIRED : days <= WARNING_DAYS ? State.SOON : State.LATER;
        return new KeyExpiry(state, expiresOn, Math.max(0, days));
    }

    public boolean warn() {
        return state == State.SOON || state == State.EXPIRED;
    }

    public String describe() {
        return switch (state) {
            case NEVER -> "never";
            case LATER -> on.toString();
            case SOON -> on + " (in " + daysLeft + (daysLeft == 1 ? " day)" : " days)");
            case EXPIRED -> "expired — not receiving submissions";
        };
    }
}
