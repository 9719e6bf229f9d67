package org.postern.testing.tor;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What one request through a Tor client came to: either tor refused the connection, with its SOCKS5 reply code
 * (for example {@link #MISSING_CLIENT_AUTH}), or the server answered with an HTTP status.
 */
public record HttpResult(int socksReply, int status, Map<String, List<String>> headers, byte[] body) {

    /** SOCKS5 extended error: the onion service needs client authorization and we have none that fits. */
    public static final int MISSING_CLIENT_AUTH = 0xF4;
    /** SOCKS5 extended error: no descriptor found, e.g. not published yet. */
    public static final int DESCRIPTOR_NOT_FOUND = 0xF0;
    /** SOCKS5 extended error: we hold a key for this onion service, but it does not open the descriptor. */
    public static final int BAD_CLIENT_AUTH = 0xF5;

    static HttpResult refused(int socksReply) {
        return new HttpResult(socksReply, 0, Map.of(), new byte[0]);
    }

    public boolean connected() {
        return socksReply == 0;
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public String toString() {
        return connected() ? "HTTP " + status + " (" + body.length + " bytes)"
                : String.format("refused by tor with SOCKS reply 0x%02X", socksReply);
    }
}
