package org.postern.review.inbox;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import org.postern.config.PosternProperties;
import org.postern.i18n.Language;
import org.postern.sources.NotificationAddresses;
import org.postern.sources.NotificationBatch;
import org.springframework.mail.MailException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.TriggerTask;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Every {@code postern.notifications.interval} (15 minutes by default), counts the submissions that arrived
 * since the last run and, if there are any and notifications are on, mails each opted-in investigator that
 * count. The run goes on while notifications are off, so that switching them on later reports only what is new.
 */
@Component
class NotificationJob implements SchedulingConfigurer {

    private final PosternProperties.Notifications settings;
    private final NotificationBatch batch;
    private final NotificationAddresses addresses;
    private final NotificationMailer mailer;
    private final MailFailures failures;

    NotificationJob(PosternProperties properties, NotificationBatch batch, NotificationAddresses addresses,
            NotificationMailer mailer, MailFailures failures) {
        this.failures = failures;
        this.settings = properties.notifications();
        this.batch = batch;
        this.addresses = addresses;
        this.mailer = mailer;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        Duration interval = settings.interval();
        registrar.addFixedDelayTask(new FixedDelayTask(this::run, interval, interval));
        registrar.addTriggerTask(new TriggerTask(failures::report,
                new CronTrigger(MailFailures.DAILY_REPORT_CRON, ZoneOffset.UTC)));
    }

    /** @return how many e-mails went out */
    int run() {
        int count = batch.takeNewSubmissions();
        if (!settings.enabled() || count == 0) {
            return 0;
        }
        List<NotificationAddresses.Recipient> recipients = addresses.recipientsOfEnabledAccounts();
        int sent = 0;
        for (NotificationAddresses.Recipient to : recipients) {
            try {
                mailer.send(to.address(), Language.byCode(to.language(), Language.CONSOLE).orElse(Language.EN),
                        count);
                sent++;
            } catch (MailException e) {
                // Not logged now: the moment would date the batch's arrivals. Counted, and reported daily.
                failures.failed();
            }
        }
        return sent;
    }
}
