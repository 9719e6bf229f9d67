package org.postern.review.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.ibm.icu.text.ListFormatter;
import com.ibm.icu.util.ULocale;

import org.postern.audit.AuditDetail;
import org.postern.audit.AuditEntry;
import org.postern.audit.AuditEvent;
import org.postern.i18n.Formats;
import org.postern.i18n.Language;
import org.postern.review.ConsoleText;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Component;

/**
 * Audit entries as the reader sees them: each detail's sentence in the reader's language, with names and
 * fingerprints isolated so that right-to-left text cannot reorder them. Entries written before details were
 * structured hold English text, shown as it is and marked as English.
 */
@Component
class AuditRows {

    /** Subjects that name a setting or a job rather than a person, a source or a key. */
    private static final Map<String, String> SETTING_SUBJECTS = Map.of(
            "organization", "audit.subject.organization",
            "retention", "audit.subject.retention",
            "replies", "audit.subject.replies",
            "unsubmitted sources", "audit.subject.unsubmittedSources",
            "notifications off by choice", "audit.subject.notificationsOffByChoice",
            "security keys required", "audit.subject.securityKeysRequired");

    private final ConsoleText text;

    AuditRows(ConsoleText text) {
        this.text = text;
    }

    /**
     * @param details the sentence, or the stored text of an older entry
     * @param english true when {@code details} is an older entry's English text
     */
    record Row(AuditEntry entry, String actor, String subject, String details, boolean english) {
    }

    List<Row> of(List<AuditEntry> entries) {
        Language language = text.language();
        List<Row> rows = new ArrayList<>(entries.size());
        for (AuditEntry entry : entries) {
            Optional<String> sentence = entry.detail().flatMap(d -> sentence(d, language));
            rows.add(new Row(entry, actor(entry), subject(entry), sentence.orElse(entry.details()),
                    sentence.isEmpty() && !entry.details().isEmpty()));
        }
        return rows;
    }

    /** No account may take these names, so they always mean the command line or a scheduled job. */
    private String actor(AuditEntry entry) {
        return switch (entry.actor()) {
            case AuditEvent.OPERATOR -> text.of("audit.actor.operator");
            case AuditEvent.SYSTEM -> text.of("audit.actor.system");
            default -> entry.actor();
        };
    }

    private String subject(AuditEntry entry) {
        String key = switch (entry.action()) {
            case SETTINGS_CHANGED, RETENTION_DELETED, REPLIES_DELETED_BY_SOURCES ->
                SETTING_SUBJECTS.get(entry.subject());
            case INVITATION_CREATED -> entry.subject().equals("ADMIN") || entry.subject().equals("INVESTIGATOR")
                    ? "role." + entry.subject() : null;
            default -> null;
        };
        return key == null ? entry.subject() : text.of(key);
    }

    /** Empty when this version has no sentence for the key (an entry written by a newer one). */
    private Optional<String> sentence(AuditDetail detail, Language language) {
        try {
            Object[] shown = new Object[detail.arguments().size()];
            for (int i = 0; i < shown.length; i++) {
                Object argument = detail.arguments().get(i);
                if (argument instanceof AuditDetail.Text t) {
                    shown[i] = Formats.isolate(t.value(), language);
                } else if (argument instanceof AuditDetail.Terms terms) {
                    shown[i] = ListFormatter.getInstance(ULocale.forLocale(language.locale()))
                            .format(terms.keys().stream().map(text::of).toList());
                } else {
                    shown[i] = argument;
                }
            }
            return Optional.of(text.of(detail.key(), shown));
        } catch (NoSuchMessageException | IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
