package org.postern.testing.tor;

import java.nio.file.Path;
import java.util.List;

/**
 * The torrc of each kind of node: every address is 127.0.0.1
 * inside the namespace, there are no exits, no fallback directories, and every tor exits soon after the test JVM.
 */
final class TorConfigs {

    static final int AUTHORITIES = 3;
    static final int RELAYS = 4;

    private TorConfigs() {
    }

    static int orPort(int node) {
        return 5100 + node;
    }

    static int dirPort(int authority) {
        return 7100 + authority;
    }

    static String nickname(int node) {
        return node < AUTHORITIES ? "auth" + node : "relay" + (node - AUTHORITIES);
    }

    static String common(Path dataDir, Path emptyFile, List<String> dirAuthorityLines) {
        StringBuilder c = new StringBuilder();
        line(c, "TestingTorNetwork 1");
        line(c, "DataDirectory " + dataDir);
        line(c, "PidFile " + dataDir.resolve("tor.pid"));
        line(c, "RunAsDaemon 0");
        line(c, "Log notice file " + dataDir.resolve("notice.log"));
        line(c, "SafeLogging 0");
        line(c, "ShutdownWaitLength 0");
        line(c, "UseDefaultFallbackDirs 0");
        line(c, "PathsNeededToBuildCircuits 0.67");
        line(c, "V3AuthNIntervalsValid 2");
        // Empty GeoIP files halve each tor's memory and start-up time.
        line(c, "GeoIPFile " + emptyFile);
        line(c, "GeoIPv6File " + emptyFile);
        line(c, "__OwningControllerProcess " + ProcessHandle.current().pid());
        dirAuthorityLines.forEach(l -> line(c, l));
        return c.toString();
    }

    /** Authorities and middle relays alike: they relay, they never exit. */
    static String relay(int node) {
        StringBuilder c = new StringBuilder();
        line(c, "Nickname " + nickname(node));
        line(c, "Address 127.0.0.1");
        line(c, "ORPort 127.0.0.1:" + orPort(node));
        line(c, "AssumeReachable 1");
        line(c, "SocksPort 0");
        line(c, "ExitRelay 0");
        line(c, "ExitPolicy reject *:*");
        return c.toString();
    }

    static String authority(int node, Path bandwidthFile) {
        StringBuilder c = new StringBuilder(relay(node));
        line(c, "AuthoritativeDirectory 1");
        line(c, "V3AuthoritativeDirectory 1");
        line(c, "DirPort 127.0.0.1:" + dirPort(node));
        for (String prefix : new String[] {"V3Auth", "TestingV3AuthInitial"}) {
            line(c, prefix + "VotingInterval 10");
            line(c, prefix + "VoteDelay 2");
            line(c, prefix + "DistDelay 2");
        }
        line(c, "V3BandwidthsFile " + bandwidthFile);
        // Without these, about one run in five stalled ~16 s on bad paths.
        line(c, "AuthDirVoteStableGuaranteeMinUptime 0");
        line(c, "AuthDirVoteStableGuaranteeMTBF 0");
        line(c, "TestingDirAuthVoteGuard auth0,auth1,auth2");
        line(c, "TestingDirAuthVoteGuardIsStrict 1");
        line(c, "TestingDirAuthVoteHSDir *");
        return c.toString();
    }

    /** The tor that hosts every onion service; each forwards port 80 to a unix socket the test JVM serves. */
    static String onionServices(List<String> names, Path servicesDir, Path socketsDir, Path controlSocket) {
        StringBuilder c = new StringBuilder();
        line(c, "SocksPort 0");
        line(c, "ControlPort unix:" + controlSocket);
        for (String name : names) {
            line(c, "HiddenServiceDir " + servicesDir.resolve(name));
            line(c, "HiddenServicePort 80 unix:" + socketsDir.resolve(name + ".sock"));
        }
        return c.toString();
    }

    /** A client: SOCKS and control on unix sockets, the only way across the namespace boundary. */
    static String client(Path socksSocket, Path controlSocket) {
        StringBuilder c = new StringBuilder();
        line(c, "SocksPort unix:" + socksSocket + " ExtendedErrors");
        line(c, "ControlPort unix:" + controlSocket);
        return c.toString();
    }

    private static void line(StringBuilder c, String line) {
        c.append(line).append('\n');
    }
}
