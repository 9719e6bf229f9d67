package org.postern.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an entry's details say, as a console bundle key and its arguments, so that each reader sees the sentence
 * in their own language. Arguments are counts ({@code long}), text shown as it is (a name, a fingerprint, a key's
 * label; {@link Text}) or bundle keys shown as a list in the reader's language ({@link Terms}).
 *
 * <p>Stored in the {@code details} column, and hashed, as one line:
 * <pre>
 * detail = "@" key "(" [ arg *( "," arg ) ] ")"
 * key    = 1*( ALPHA / DIGIT / "." / "_" )
 * arg    = number / text / terms
 * number = [ "-" ] 1*DIGIT
 * text   = DQUOTE *( any character but DQUOTE and "\" / "\" DQUOTE / "\\" ) DQUOTE
 * terms  = "[" key *( "," key ) "]"
 * </pre>
 * for example {@code @audit.detail.loginFailed.code(3)} or {@code @audit.detail.invitedBy("ada")}. Entries
 * written before details were structured hold English text, which never starts with {@code @}: it is shown as it
 * is. A value that does not parse whole is text too.
 */
public final class AuditDetail {

    /** No details: stored as the empty string. */
    public static final AuditDetail NONE = new AuditDetail("", List.of());

    static final int MAX_KEY = 80;
    static final int MAX_ARGUMENTS = 4;
    /** Each text argument is cut to this before encoding, and shorter if the whole would not fit its column. */
    static final int MAX_TEXT = 120;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._]{1," + MAX_KEY + "}");

    private final String key;
    private final List<Object> arguments;

    private AuditDetail(String key, List<Object> arguments) {
        this.key = key;
        this.arguments = List.copyOf(arguments);
    }

    /**
     * @param arguments each a {@code Long} or {@code Integer} count, a {@link Text} or {@link Terms}
     */
    public static AuditDetail of(String key, Object... arguments) {
        requireKey(key);
        if (arguments.length > MAX_ARGUMENTS) {
            throw new IllegalArgumentException("at most " + MAX_ARGUMENTS + " arguments");
        }
        List<Object> typed = new ArrayList<>(arguments.length);
        for (Object argument : arguments) {
            if (argument instanceof Integer || argument instanceof Long) {
                typed.add(((Number) argument).longValue());
            } else if (argument instanceof Text || argument instanceof Terms) {
                typed.add(argument);
            } else {
                throw new IllegalArgumentException("an argument is a count, a Text or Terms, not "
                        + (argument == null ? "null" : argument.getClass().getSimpleName()));
            }
        }
        AuditDetail detail = new AuditDetail(key, typed);
        return detail.fitted();
    }

    /** A name, fingerprint or label, shown as it is, isolated from the sentence around it. */
    public static Text text(String value) {
        return new Text(value);
    }

    /** Bundle keys, shown as a list in the reader's language. */
    public static Terms terms(String... keys) {
        return new Terms(List.of(keys));
    }

    public String key() {
        return key;
    }

    /** Each a {@code Long}, a {@link Text} or {@link Terms}. */
    public List<Object> arguments() {
        return arguments;
    }

    public boolean isNone() {
        return key.isEmpty();
    }

    /** The stored form; empty for {@link #NONE}. */
    public String encoded() {
        if (isNone()) {
            return "";
        }
        StringBuilder out = new StringBuilder("@").append(key).append('(');
        for (int i = 0; i < arguments.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object argument = arguments.get(i);
            if (argument instanceof Text t) {
                out.append('"').append(t.value().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else if (argument instanceof Terms terms) {
                out.append('[').append(String.join(",", terms.keys())).append(']');
            } else {
                out.append(argument);
            }
        }
        return out.append(')').toString();
    }

    /** The detail a stored value encodes, or empty for free text (older entries) and for no details. */
    public static Optional<AuditDetail> parse(String stored) {
        if (stored == null || !stored.startsWith("@") || !stored.endsWith(")")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Parser(stored).detail());
        } catch (IllegalArgumentException notStructured) {
            return Optional.empty();
        }
    }

    /** Cuts text arguments until the encoding fits the column; keys and counts are short by construction. */
    private AuditDetail fitted() {
        int limit = MAX_TEXT;
        AuditDetail detail = withTextCut(limit);
        while (detail.encoded().length() > AuditEvent.MAX_DETAILS && limit > 1) {
            limit /= 2;
            detail = withTextCut(limit);
        }
        return detail;
    }

    private AuditDetail withTextCut(int limit) {
        List<Object> cut = new ArrayList<>(arguments.size());
        for (Object argument : arguments) {
            cut.add(argument instanceof Text t ? new Text(AuditText.clean(t.value(), limit)) : argument);
        }
        return new AuditDetail(key, cut);
    }

    private static String requireKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("a detail key is letters, digits, dots and underscores");
        }
        return key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuditDetail d && d.key.equals(key) && d.arguments.equals(arguments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, arguments);
    }

    @Override
    public String toString() {
        return encoded();
    }

    /** Text shown as it is: cleaned to one plain line, as subjects are. */
    public record Text(String value) {
        public Text {
            value = AuditText.clean(value, MAX_TEXT);
        }
    }

    /** Bundle keys shown as a list. */
    public record Terms(List<String> keys) {
        public Terms {
            if (keys.isEmpty() || keys.size() > MAX_ARGUMENTS) {
                throw new IllegalArgumentException("one to " + MAX_ARGUMENTS + " terms");
            }
            keys.forEach(AuditDetail::requireKey);
            keys = List.copyOf(keys);
        }
    }

    /** A strict reader of the grammar above: anything else is not a detail. */
    private static final class Parser {
        private final String in;
        private int at;

        Parser(String in) {
            this.in = in;
        }

        AuditDetail detail() {
            expect('@');
            String key = key();
            expect('(');
            List<Object> arguments = new ArrayList<>();
            if (peek() != ')') {
                arguments.add(argument());
                while (peek() == ',') {
                    at++;
                    arguments.add(argument());
                }
            }
            expect(')');
            if (at != in.length() || arguments.size() > MAX_ARGUMENTS) {
                throw new IllegalArgumentException("not a detail");
            }
            return new AuditDetail(key, arguments);
        }

        private Object argument() {
            char c = peek();
            if (c == '"') {
                return text();
            }
            if (c == '[') {
                at++;
                List<String> keys = new ArrayList<>();
                keys.add(key());
                while (peek() == ',') {
                    at++;
                    keys.add(key());
                }
                expect(']');
                return new Terms(keys);
            }
            int start = at;
            if (c == '-') {
                at++;
            }
            while (at < in.length() && Character.isDigit(in.charAt(at)) && in.charAt(at) < 128) {
                at++;
            }
            try {
                return Long.parseLong(in.substring(start, at));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a detail", e);
            }
        }

        private Text text() {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return new Text(value.toString());
                }
                if (c == '\\') {
                    char escaped = next();
                    if (escaped != '"' && escaped != '\\') {
                        throw new IllegalArgumentException("not a detail");
                    }
                    value.append(escaped);
                } else {
                    value.append(c);
                }
            }
        }

        private String key() {
            int start = at;
            while (at < in.length() && isKeyChar(in.charAt(at))) {
                at++;
            }
            return requireKey(in.substring(start, at));
        }

        private static boolean isKeyChar(char c) {
            return c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_');
        }

        private char peek() {
            if (at >= in.length()) {
                throw new IllegalArgumentException("not a detail");
            }
            return in.charAt(at);
        }

        private char next() {
            char c = peek();
            at++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                throw new IllegalArgumentException("not a detail");
            }
        }
    }
}
