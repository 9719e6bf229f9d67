package org.postern.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.util.HtmlUtils;

/**
 * The byte forms a secret could take in a file: raw UTF-8, UTF-16 in both byte orders, URL-encoded, escaped for
 * HTML or JSON, and Base64 at each of the three alignments it can start at inside a longer encoded run. A scan
 * that looked only for raw UTF-8 would miss a codename in a URL-encoded log line or a canary in a Base64 body.
 */
public final class LeakForms {

    private LeakForms() {
    }

    /** Each distinct form of {@code value}, named by its encoding. */
    public static Map<String, byte[]> of(String value) {
        Map<String, byte[]> forms = new LinkedHashMap<>();
        add(forms, "utf-8", value.getBytes(StandardCharsets.UTF_8));
        add(forms, "utf-16le", value.getBytes(StandardCharsets.UTF_16LE));
        add(forms, "utf-16be", value.getBytes(StandardCharsets.UTF_16BE));
        String url = URLEncoder.encode(value, StandardCharsets.UTF_8);
        add(forms, "url", ascii(url));
        add(forms, "url-%20", ascii(url.replace("+", "%20")));
        add(forms, "html", HtmlUtils.htmlEscape(value, "UTF-8").getBytes(StandardCharsets.UTF_8));
        add(forms, "html-decimal", HtmlUtils.htmlEscapeDecimal(value, "UTF-8").getBytes(StandardCharsets.UTF_8));
        add(forms, "html-hex", HtmlUtils.htmlEscapeHex(value, "UTF-8").getBytes(StandardCharsets.UTF_8));
        add(forms, "json", json(value, false).getBytes(StandardCharsets.UTF_8));
        add(forms, "json-ascii", ascii(json(value, true)));
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        for (int offset = 0; offset < 3; offset++) {
            add(forms, "base64+" + offset, base64Inside(utf8, offset, Base64.getEncoder()));
            add(forms, "base64url+" + offset, base64Inside(utf8, offset, Base64.getUrlEncoder()));
        }
        return forms;
    }

    /** Every form of every value, each labelled "value (encoding)". */
    public static Map<String, byte[]> ofAll(List<String> values) {
        Map<String, byte[]> all = new LinkedHashMap<>();
        for (String value : values) {
            of(value).forEach((encoding, bytes) -> all.put(value + " (" + encoding + ")", bytes));
        }
        return all;
    }

    /**
     * The Base64 characters that depend only on {@code data} when it starts {@code offset} bytes into a 3-byte
     * group: the characters that also carry bits of the bytes before or after it differ from file to file.
     */
    static byte[] base64Inside(byte[] data, int offset, Base64.Encoder encoder) {
        byte[] shifted = new byte[offset + data.length];
        System.arraycopy(data, 0, shifted, offset, data.length);
        byte[] encoded = encoder.withoutPadding().encode(shifted);
        int skip = (offset * 8 + 5) / 6;
        int keep = (shifted.length / 3) * 4;
        return keep > skip ? Arrays.copyOfRange(encoded, skip, keep) : new byte[0];
    }

    static String json(String value, boolean asciiOnly) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || (asciiOnly && c > 0x7e)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void add(Map<String, byte[]> forms, String name, byte[] form) {
        if (form.length < 4) {
            return;
        }
        for (byte[] existing : forms.values()) {
            if (Arrays.equals(existing, form)) {
                return;
            }
        }
        forms.put(name, form);
    }
}
