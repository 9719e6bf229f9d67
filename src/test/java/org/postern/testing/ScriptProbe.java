package org.postern.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * A one-page loopback server whose page changes its own text when script runs. It sends no CSP, so an inline
 * script is blocked only by the browser's own JavaScript setting.
 */
final class ScriptProbe implements AutoCloseable {

    static final String NOT_RUN = "script did not run";
    static final String RAN = "script ran";
    private static final byte[] PAGE = ("<!doctype html><html><head><title>probe</title></head><body>"
            + "<p id=\"probe\">" + NOT_RUN + "</p>"
            + "<script>document.getElementById('probe').textContent = '" + RAN + "';</script>"
            + "</body></html>").getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;

    private ScriptProbe(HttpServer server) {
        this.server = server;
    }

    static ScriptProbe start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.sendResponseHeaders(200, PAGE.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(PAGE);
                }
            });
            server.start();
            return new ScriptProbe(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/probe";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
