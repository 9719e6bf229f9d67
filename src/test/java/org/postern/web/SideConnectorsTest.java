package org.postern.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postern.testing.PosternServerExtension;
import org.postern.testing.PosternTestServer;
import org.postern.testing.TestBrowser;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** How each side's Tomcat connector is set up, seen on a running server. */
class SideConnectorsTest {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    @RegisterExtension
    static final PosternServerExtension POSTERN = PosternServerExtension.withSettings();

    /**
     * Every log line carries its thread's name, and Tomcat would name request threads after the bind address and
     * port. Postern's request threads are named after their side instead, so no log line holds an address.
     */
    @Test
    void requestThreadsAreNamedAfterTheirSideNotTheAddress(PosternTestServer server) {
        assertThat(new TestBrowser(server.sourceUrl()).get("/").status()).isEqualTo(200);
        assertThat(new TestBrowser(server.consoleUrl()).get("/login").status()).isEqualTo(200);
        List<String> names = Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList();
        assertThat(names).anyMatch(n -> n.startsWith("postern-source-exec-"))
                .anyMatch(n -> n.startsWith("postern-console-exec-"));
        assertThat(names).filteredOn(n -> n.contains("-exec-")).noneMatch(n -> IPV4.matcher(n).find());
    }

    /** Uploads are read in large pieces, and the connections that each hold such a buffer are capped. */
    @Test
    void bothSidesReadInLargePiecesFromACappedNumberOfConnections(PosternTestServer server) {
        for (ConfigurableApplicationContext side : List.of(server.running().intake(), server.running().review())) {
            Connector connector = ((TomcatWebServer) ((WebServerApplicationContext) side).getWebServer()).getTomcat()
                    .getConnector();
            assertThat(String.valueOf(connector.getProperty("socket.appReadBufSize")))
                    .isEqualTo(String.valueOf(SideServer.READ_BUFFER_BYTES));
            assertThat(String.valueOf(connector.getProperty("maxConnections")))
                    .isEqualTo(String.valueOf(SideServer.MAX_CONNECTIONS));
        }
    }
}
