package org.postern.testing;

import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * One S3 server for a test class ({@link S3TestServer#start()}: S3Proxy, or Ceph RGW when asked for), started on first use and stopped after the class. Register it before
 * the {@link PosternServerExtension} whose blobs it holds, so that it stops after that server:
 *
 * <pre>
 * &#64;RegisterExtension
 * &#64;Order(1)
 * static final S3ServerExtension S3 = new S3ServerExtension();
 *
 * &#64;RegisterExtension
 * static final PosternServerExtension POSTERN = PosternServerExtension.withSettings().settingsFrom(S3::settings);
 * </pre>
 */
public final class S3ServerExtension implements AfterAllCallback {

    private S3TestServer server;
    private S3Client client;

    /** The running S3 server, started on first use. */
    public synchronized S3TestServer server() {
        if (server == null) {
            server = S3TestServer.start();
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
