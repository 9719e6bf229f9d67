package org.postern.review.inbox;

import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Counts e-mails that could not be sent and reports the count once a day, at a fixed time. A log line written
 * when a send fails would carry that moment, and a notification is sent right after submissions arrive: the
 * line would date their arrival to within one batch. The daily count says only that mail is failing.
 */
@Component
class MailFailures {

    /** Every day at this time (UTC), whatever happened in between. */
    static final String DAILY_REPORT_CRON = "0 0 4 * * *";

    private static final Logger log = LoggerFactory.getLogger(MailFailures.class);

    private final AtomicInteger failed = new AtomicInteger();

    void failed() {
        failed.incrementAndGet();
    }

    /** Logs how many e-mails failed since the last report, if any did; the scheduler calls it at a fixed time. */
    void report() {
        int count = failed.getAndSet(0);
        if (count > 0) {
            log.warn("{} e-mail notification(s) could not be sent since the last daily report; check the SMTP "
                    + "settings under postern.notifications", count);
        }
    }
}
