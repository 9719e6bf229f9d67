package org.postern.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves a side only under its own onion address or a loopback name. Any other Host is refused, which defeats
 * DNS rebinding and shows at once when a side is exposed on a clearnet name by mistake. Requests that came
 * through a Tor2web proxy are refused with an explanation: such a proxy sees everything the visitor sends.
 */
public final class OnionHostGuard extends OncePerRequestFilter {

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

    private final Supplier<Optional<String>> onionHost;

    public OnionHostGuard(Supplier<Optional<String>> onionHost) {
        this.onionHost = onionHost;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getHeader("X-Tor2web") != null) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "Use Tor Browser",
                    "This service cannot be used through a Tor2web proxy: the proxy would see everything you send "
                            + "and where you connect from. Open this address in Tor Browser instead.");
            return;
        }
        if (!allowed(request.getHeader("Host"))) {
            refuse(response, 421, "Wrong address",
                    "This server answers only at its own onion address. Check the address you typed.");
            return;
        }
        chain.doFilter(request, response);
    }

    boolean allowed(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank() || hostHeader.length() > 300) {
            return false;
        }
        String host = withoutPort(hostHeader.strip().toLowerCase(Locale.ROOT));
        return LOOPBACK_NAMES.contains(host) || onionHost.get().map(host::equals).orElse(false);
    }

    private static String withoutPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static void refuse(HttpServletResponse response, int status, String title, String text)
            throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        byte[] body = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                + "</title></head><body><h1>" + title + "</h1><p>" + text + "</p></body></html>")
                .getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
