package org.postern.testing;

import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * One {@link S3ProxyServer} for a test class, started on first use and stopped after the class. Register it before
 * the {@link PosternServerExtension} whose blobs it holds, so that it stops after that server:
 *
 * <pre>
 * &#64;RegisterExtension
 * &#64;Order(1)
 * static final S3ProxyExtension S3 = new S3ProxyExtension();
 *
 * &#64;RegisterExtension
 * static final PosternServerExtension POSTERN = PosternServerExtension.withSettings().settingsFrom(S3::settings);
 * </pre>
 */
public final class S3ProxyExtension implements AfterAllCallback {

    private S3ProxyServer server;
    private S3Client client;

    /** The running S3 server, started on first use. */
    public synchronized S3ProxyServer server() {
        if (server == null) {
            server = S3ProxyServer.start();
        }
        return server;
    }

    /** A client with the server's credentials, for what the storage operator sees; closed after the class. */
    public synchronized S3Client client() {
        if (client == null) {
            client = server().client();
        }
        return client;
    }

    /** The settings that point Postern at this server, starting it first. */
    public List<String> settings() {
        return server().settings();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (client != null) {
            client.close();
            client = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
