package org.postern.review.inbox;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;

import org.postern.config.PosternProperties;
import org.postern.i18n.Language;
import org.postern.sources.NotificationAddresses;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;

/**
 * When an admin account is disabled, the other admins with a notification address get a notice that says only
 * that, so that an admin removed by a colleague does not go unnoticed by the rest. Sent in the background: the
 * disabling admin's page does not wait for SMTP.
 */
@Component
public class AdminDisabledNotice {

    private final boolean enabled;
    private final NotificationAddresses addresses;
    private final NotificationMailer mailer;
    private final MailFailures failures;
    private final ExecutorService sending = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "admin-notice");
        thread.setDaemon(true);
        return thread;
    });

    AdminDisabledNotice(PosternProperties properties, NotificationAddresses addresses, NotificationMailer mailer,
            MailFailures failures) {
        this.enabled = properties.notifications().enabled();
        this.addresses = addresses;
        this.mailer = mailer;
        this.failures = failures;
    }

    /** Notifies every enabled admin except the one disabled, if notifications are on. */
    public void adminDisabled(String disabledAccountId) {
        if (!enabled) {
            return;
        }
        List<NotificationAddresses.Recipient> recipients = addresses.recipientsOfEnabledAdminsExcept(disabledAccountId);
        sending.execute(() -> {
            for (NotificationAddresses.Recipient to : recipients) {
                try {
                    mailer.sendAdminDisabled(to.address(),
                            Language.byCode(to.language(), Language.CONSOLE).orElse(Language.EN));
                } catch (MailException e) {
                    failures.failed();
                }
            }
        });
    }

    @PreDestroy
    void stop() {
        sending.shutdown();
    }
}
