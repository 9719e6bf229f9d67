package org.postern.review.inbox;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.postern.config.PosternProperties;
import org.postern.i18n.Language;
import org.postern.i18n.Translations;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Sends the two messages Postern ever e-mails: how many submissions arrived, and that an admin account was
 * disabled; nothing else. No content, no
 * designation, no time in the text; the Message-ID is random rather than JavaMail's, which would carry this
 * server's host name, and the SMTP greeting does not name the host either.
 */
@Component
class NotificationMailer {

    private static final int TIMEOUT_MILLIS = 20_000;

    private final JavaMailSenderImpl sender;
    private final String from;
    private final SecureRandom random;
    private final Translations translations;

    NotificationMailer(PosternProperties properties, SecureRandom random, Translations translations) {
        this.translations = translations;
        PosternProperties.Notifications settings = properties.notifications();
        PosternProperties.Smtp smtp = settings.smtp();
        this.random = random;
        this.from = settings.fromAddress();
        this.sender = new JavaMailSenderImpl();
        sender.setHost(smtp.host());
        sender.setPort(smtp.port());
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        Properties mail = sender.getJavaMailProperties();
        if (!smtp.username().isEmpty()) {
            sender.setUsername(smtp.username());
            sender.setPassword(smtp.password());
            mail.put("mail.smtp.auth", "true");
        }
        if (smtp.starttls()) {
            // Required, not attempted: a server that cannot upgrade gets no mail rather than plaintext.
            mail.put("mail.smtp.starttls.enable", "true");
            mail.put("mail.smtp.starttls.required", "true");
        }
        mail.put("mail.smtp.localhost", "localhost");
        mail.put("mail.smtp.connectiontimeout", Integer.toString(TIMEOUT_MILLIS));
        mail.put("mail.smtp.timeout", Integer.toString(TIMEOUT_MILLIS));
        mail.put("mail.smtp.writetimeout", Integer.toString(TIMEOUT_MILLIS));
    }

    /** Sends the notice in {@code language}, the one the recipient's account chose for the console. */
    void send(String to, Language language, int count) {
        send(to, translations.text(language, "mail.subject"), translations.text(language, "mail.body", count));
    }

    /** Tells an admin that an admin account was disabled: no name, no time, nothing else. */
    void sendAdminDisabled(String to, Language language) {
        send(to, translations.text(language, "mail.adminDisabled.subject"),
                translations.text(language, "mail.adminDisabled.body"));
    }

    private void send(String to, String subject, String body) {
        String messageId = "<" + HexFormat.of().formatHex(randomBytes()) + "@postern.invalid>";
        MimeMessage message = new MimeMessage(sender.getSession()) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        try {
            message.setFrom(new InternetAddress(from, true));
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to, true));
            message.setSubject(subject, StandardCharsets.UTF_8.name());
            message.setText(body, StandardCharsets.UTF_8.name());
        } catch (MessagingException e) {
            throw new MailPreparationException(e);
        }
        sender.send(message);
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }
}
