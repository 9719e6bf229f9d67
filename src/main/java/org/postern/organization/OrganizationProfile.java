package org.postern.organization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.postern.audit.AuditActor;
import org.postern.audit.AuditDetail;
import org.postern.config.PosternProperties;
import org.postern.crypto.RandomIds;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The organization's own words on the source pages: its name, a logo, a short introduction and instructions.
 * Texts are plain text, kept in {@code console_setting} and always shown as text, never as markup. The logo is
 * a PNG the server drew itself ({@link LogoImages}), stored in the data dir under a generated name. Each change
 * publishes {@link OrganizationChanged} in the transaction that stores it, so it is audited with the change.
 */
@Service
public class OrganizationProfile {

    public static final int MAX_NAME = 100;
    public static final int MAX_TEXT = 1000;

    static final String NAME = "organization_name";
    static final String INTRODUCTION = "organization_introduction";
    static final String INSTRUCTIONS = "organization_instructions";
    static final String LOGO = "organization_logo";

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]|[\\p{Cf}&&[^\\u200c\\u200d]]");
    private static final Pattern LOGO_NAME = Pattern.compile("logo-[0-9a-f]{32}\\.png");

    /** What the pages show. Paragraphs are split on blank lines; each is shown as text. */
    public record Profile(String name, String introduction, String instructions, boolean hasLogo) {

        public List<String> introductionParagraphs() {
            return paragraphs(introduction);
        }

        public List<String> instructionParagraphs() {
            return paragraphs(instructions);
        }

        private static List<String> paragraphs(String text) {
            List<String> out = new ArrayList<>();
            for (String p : text.split("\\n\\s*\\n")) {
                if (!p.isBlank()) {
                    out.add(p.strip());
                }
            }
            return out;
        }
    }

    private final JdbcClient jdbc;
    private final RandomIds ids;
    private final Path dir;
    private final String defaultName;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private volatile Profile cached;

    OrganizationProfile(JdbcClient jdbc, RandomIds ids, PosternProperties properties,
            PlatformTransactionManager transactions, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.dir = properties.dataDir().resolve("branding");
        this.defaultName = properties.organizationName();
        this.tx = new TransactionTemplate(transactions);
        this.events = events;
    }

    public Profile current() {
        Profile profile = cached;
        if (profile == null) {
            profile = stored();
            cached = profile;
        }
        return profile;
    }

    private Profile stored() {
        return new Profile(setting(NAME).filter(n -> !n.isBlank()).orElse(defaultName),
                setting(INTRODUCTION).orElse(""), setting(INSTRUCTIONS).orElse(""), setting(LOGO).isPresent());
    }

    /** A text too long to keep; the admin reads why through {@link #messageKey()}, in the console's language. */
    public static final class TextRefused extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String messageKey;
        private final int limit;

        TextRefused(String message, String messageKey, int limit) {
            super(message);
            this.messageKey = messageKey;
            this.limit = limit;
        }

        public String messageKey() {
            return messageKey;
        }

        /** The most characters allowed, the sentence's argument. */
        public int limit() {
            return limit;
        }
    }

    /**
     * Checks and cleans the texts, stores them and, if any changed, records which, in one transaction.
     *
     * @throws TextRefused with the reason for the admin
     */
    public void setTexts(String name, String introduction, String instructions, AuditActor by) {
        String n = clean(name).strip().replaceAll("\\s+", " ");
        String intro = clean(introduction).strip();
        String steps = clean(instructions).strip();
        if (n.length() > MAX_NAME) {
            throw new TextRefused("The name can have at most " + MAX_NAME + " characters.", "orgAdmin.refused.name",
                    MAX_NAME);
        }
        if (intro.length() > MAX_TEXT || steps.length() > MAX_TEXT) {
            throw new TextRefused("The introduction and the instructions can have at most " + MAX_TEXT
                    + " characters each.", "orgAdmin.refused.text", MAX_TEXT);
        }
        try {
            tx.executeWithoutResult(status -> {
                Profile before = stored();
                put(NAME, n);
                put(INTRODUCTION, intro);
                put(INSTRUCTIONS, steps);
                Profile after = stored();
                List<String> changed = new ArrayList<>();
                if (!before.name().equals(after.name())) {
                    changed.add("audit.term.name");
                }
                if (!before.introduction().equals(after.introduction())) {
                    changed.add("audit.term.introduction");
                }
                if (!before.instructions().equals(after.instructions())) {
                    changed.add("audit.term.instructions");
                }
                if (!changed.isEmpty()) {
                    events.publishEvent(new OrganizationChanged(by, AuditDetail.of("audit.detail.organizationChanged",
                            AuditDetail.terms(changed.toArray(String[]::new)))));
                }
            });
        } finally {
            // After commit too: a reader during the transaction may have cached what was there before.
            cached = null;
        }
    }

    /** Stores a logo that {@link LogoImages#reencode} produced, replacing any earlier one, and records it. */
    public void setLogo(byte[] png, AuditActor by) {
        String name = "logo-" + ids.next() + ".png";
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "incoming", ".tmp");
            Files.write(tmp, png);
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Optional<String> old;
        try {
            old = tx.execute(status -> {
                Optional<String> replaced = setting(LOGO);
                put(LOGO, name);
                events.publishEvent(new OrganizationChanged(by, AuditDetail.of("audit.detail.logoReplaced")));
                return replaced;
            });
        } catch (RuntimeException notStored) {
            deleteQuietly(name);
            throw notStored;
        } finally {
            cached = null;
        }
        old.filter(o -> LOGO_NAME.matcher(o).matches()).ifPresent(this::deleteQuietly);
    }

    /**
     * Removes the logo, if there is one, and records it.
     *
     * @return false if there was no logo
     */
    public boolean removeLogo(AuditActor by) {
        Optional<String> old;
        try {
            old = tx.execute(status -> {
                Optional<String> removed = setting(LOGO);
                if (removed.isPresent()) {
                    jdbc.sql("delete from console_setting where setting_name = ?").param(LOGO).update();
                    events.publishEvent(new OrganizationChanged(by, AuditDetail.of("audit.detail.logoRemoved")));
                }
                return removed;
            });
        } finally {
            cached = null;
        }
        old.filter(o -> LOGO_NAME.matcher(o).matches()).ifPresent(this::deleteQuietly);
        return old.isPresent();
    }

    /** The stored PNG, if there is one. */
    public Optional<byte[]> logo() {
        Optional<String> name = setting(LOGO).filter(o -> LOGO_NAME.matcher(o).matches());
        if (name.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(dir.resolve(name.get())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void deleteQuietly(String name) {
        try {
            Files.deleteIfExists(dir.resolve(name));
        } catch (IOException e) {
            // An old logo left behind is public anyway; the next replacement tries again.
        }
    }

    private static String clean(String text) {
        if (text == null) {
            return "";
        }
        return CONTROL.matcher(text.replace("\r\n", "\n").replace('\r', '\n')).replaceAll("");
    }

    private Optional<String> setting(String key) {
        return jdbc.sql("select setting_value from console_setting where setting_name = ?").param(key)
                .query(String.class).optional();
    }

    private void put(String key, String value) {
        if (value.isEmpty()) {
            jdbc.sql("delete from console_setting where setting_name = ?").param(key).update();
        } else if (jdbc.sql("update console_setting set setting_value = ? where setting_name = ?")
                .params(value, key).update() == 0) {
            jdbc.sql("insert into console_setting (setting_name, setting_value) values (?, ?)").params(key, value)
                    .update();
        }
    }
}
