package org.postern.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/** At least 12 characters, not a common password, not the user name. */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;

    private final Set<String> common;

    PasswordPolicy() {
        try (var in = new BufferedReader(new InputStreamReader(
                new ClassPathResource("passwords/common-passwords.txt").getInputStream(), StandardCharsets.UTF_8))) {
            common = in.lines().filter(l -> !l.startsWith("#")).map(l -> l.strip().toLowerCase(Locale.ROOT))
                    .filter(l -> !l.isEmpty()).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Why the password is refused, as a console message for the person choosing it; empty if it is acceptable. */
    public Optional<MessageSourceResolvable> problem(String password, String username) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of(message("password.tooShort", MIN_LENGTH));
        }
        if (password.length() > PasswordHasher.MAX_PASSWORD_CHARS) {
            return Optional.of(message("password.tooLong", PasswordHasher.MAX_PASSWORD_CHARS));
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower) || common.contains(lower.replaceAll("[0-9!.?]+$", ""))) {
            return Optional.of(message("password.common"));
        }
        if (username != null && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return Optional.of(message("password.containsUsername"));
        }
        return Optional.empty();
    }

    static MessageSourceResolvable message(String key, Object... arguments) {
        return new DefaultMessageSourceResolvable(new String[] {key}, arguments);
    }
}
