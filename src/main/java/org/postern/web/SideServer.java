package org.postern.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.Cookie;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.servlet.ConfigurableServletWebServerFactory;
import org.springframework.boot.web.server.servlet.Session;
import org.springframework.core.Ordered;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.core.StandardThreadExecutor;
import org.apache.catalina.session.ManagerBase;
import org.apache.coyote.http11.AbstractHttp11Protocol;

/**
 * One side's own Tomcat: its port on the bind address, its own session cookie. Runs after Boot's own
 * customizers so that nothing in {@code server.*} can move a side off its port or address.
 */
public final class SideServer implements WebServerFactoryCustomizer<ConfigurableServletWebServerFactory>, Ordered {

    /** Bytes Tomcat reads from a connection at once: as much as an upload's multipart parser takes at once. */
    public static final int READ_BUFFER_BYTES = 64 * 1024;
    public static final int MAX_CONNECTIONS = 2048;

    private final String bindAddress;
    private final int port;
    private final String cookieName;
    private final Duration sessionTimeout;

    private final Path unixSocket;
    private final long swallowBytes;
    private final SideErrorValve errorValve;
    private final DropConnectionValve bodyPacing;

    /**
     * @param swallowBytes how much of a refused request body Tomcat still reads, so that the client gets to see
     *                     the refusal page instead of a reset connection
     * @param errorValve   the page for requests Tomcat refuses before the application sees them
     * @param unixSocket   the Unix domain socket to listen on instead of the TCP port, or null
     * @param bodyPacing   the minimum rate of request bodies, and connections closed without reading the rest
     */
    public SideServer(String bindAddress, int port, Path unixSocket, String cookieName, Duration sessionTimeout,
            long swallowBytes, SideErrorValve errorValve, DropConnectionValve bodyPacing) {
        this.bodyPacing = bodyPacing;
        this.bindAddress = bindAddress;
        this.port = port;
        this.unixSocket = unixSocket;
        this.cookieName = cookieName;
        this.sessionTimeout = sessionTimeout;
        this.swallowBytes = swallowBytes;
        this.errorValve = errorValve;
    }

    @Override
    public void customize(ConfigurableServletWebServerFactory factory) {
        try {
            factory.setAddress(InetAddress.getByName(bindAddress));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("postern.bind-address is not an address: " + bindAddress, e);
        }
        factory.setPort(port);
        factory.setServerHeader(null);
        Session session = factory.getSettings().getSession();
        session.setTimeout(sessionTimeout);
        session.setPersistent(false);
        // Never put a session id in a URL, where it would leak into copied links.
        session.setTrackingModes(Set.of(Session.SessionTrackingMode.COOKIE));
        Cookie cookie = session.getCookie();
        cookie.setName(cookieName);
        cookie.setHttpOnly(true);
        cookie.setSameSite(Cookie.SameSite.STRICT);
        cookie.setPath("/");
        if (factory instanceof ConfigurableTomcatWebServerFactory tomcat) {
            tomcat.setDisableMBeanRegistry(true);
            tomcat.addConnectorCustomizers(connector -> {
                if (unixSocket != null) {
                    UnixSockets.clearStale(unixSocket);
                    // Connecting needs write permission on the socket: owner and group only. Until Tomcat applies
                    // this right after binding, the umask's mode is stricter or equally closed to others.
                    connector.setProperty("unixDomainSocketPath", unixSocket.toAbsolutePath().toString());
                    connector.setProperty("unixDomainSocketPathPermissions", "rw-rw----");
                }
                // Tomcat reads 8 KiB per system call by default; an upload then costs a request thread more in
                // reads than its encryption does. Each connection holds this buffer, so connections are capped
                // to keep the sum bounded (2048 × 64 KiB against Tomcat's default 8192 × 8 KiB, about the same).
                connector.setProperty("socket.appReadBufSize", Integer.toString(READ_BUFFER_BYTES));
                connector.setProperty("maxConnections", Integer.toString(MAX_CONNECTIONS));
                if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                    http.setMaxSwallowSize((int) Math.min(swallowBytes, Integer.MAX_VALUE));
                }
                // Tomcat names request threads after the bind address and port ("http-nio-127.0.0.1-8080-exec-1"),
                // and a thread name is in every log line: name them after the side, so logs hold no address.
                StandardThreadExecutor threads = new StandardThreadExecutor();
                threads.setName(cookieName + "-requests");
                threads.setNamePrefix(cookieName.replace('_', '-') + "-exec-");
                connector.getService().addExecutor(threads);
                connector.getProtocolHandler().setExecutor(threads);
            });
            tomcat.addContextCustomizers(context -> {
                // Tomcat's default error page names Tomcat; the host then keeps this one instead of adding it.
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(SideErrorValve.class.getName());
                    host.getPipeline().addValve(errorValve);
                    host.getPipeline().addValve(bodyPacing);
                }
            });
            // A session with a request in flight (an hour-long upload over Tor) must not expire under it.
            tomcat.addContextCustomizers(context -> context.addLifecycleListener(event -> {
                if (context.getManager() instanceof ManagerBase manager) {
                    manager.setSessionActivityCheck(true);
                }
            }));
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
