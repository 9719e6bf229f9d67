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

import org.postern.config.PosternProperties;
import org.postern.crypto.RandomIds;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The organization's own words on the source pages: its name, a logo, a short introduction and instructions.
 * Texts are plain text, kept in {@code console_setting} and always shown as text, never as markup. The logo is
 * a PNG the server drew itself ({@link LogoImages}), stored in the data dir under a generated name.
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
    private volatile Profile cached;

    OrganizationProfile(JdbcClient jdbc, RandomIds ids, PosternProperties properties) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.dir = properties.dataDir().resolve("branding");
        this.defaultName = properties.organizationName();
    }

    public Profile current() {
        Profile profile = cached;
        if (profile == null) {
            profile = new Profile(setting(NAME).filter(n -> !n.isBlank()).orElse(defaultName),
                    setting(INTRODUCTION).orElse(""), setting(INSTRUCTIONS).orElse(""),
                    setting(LOGO).isPresent());
            cached = profile;
        }
        return profile;
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
     * Checks and cleans the texts: control characters go, line ends become LF.
     *
     * @throws TextRefused with the reason for the admin
     */
    public void setTexts(String name, String introduction, String instructions) {
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
        put(NAME, n);
        put(INTRODUCTION, intro);
        put(INSTRUCTIONS, steps);
        cached = null;
    }

    /** Stores a logo that {@link LogoImages#reencode} produced, replacing any earlier one. */
    public void setLogo(byte[] png) {
        try {
            Files.createDirectories(dir);
            String name = "logo-" + ids.next() + ".png";
            Path tmp = Files.createTempFile(dir, "incoming", ".tmp");
            Files.write(tmp, png);
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            Optional<String> old = setting(LOGO);
            put(LOGO, name);
            cached = null;
            old.filter(o -> LOGO_NAME.matcher(o).matches()).ifPresent(this::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void removeLogo() {
        Optional<String> old = setting(LOGO);
        jdbc.sql("delete from console_setting where setting_name = ?").param(LOGO).update();
        cached = null;
        old.filter(o -> LOGO_NAME.matcher(o).matches()).ifPresent(this::deleteQuietly);
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
