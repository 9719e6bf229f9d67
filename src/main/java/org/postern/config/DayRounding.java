package org.postern.config;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Dates of source actions are kept to the day, in UTC: a seized database must not time a source's visit. */
public final class DayRounding {

    private DayRounding() {
    }

    public static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
