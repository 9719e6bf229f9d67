package org.postern.testing.tor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Keys made before any tor starts: authority certificates, and every node's relay fingerprint. */
final class NodeIdentities {

    private NodeIdentities() {
    }

    /** Makes an authority's v3 keys in {@code <dataDir>/keys} and returns its v3ident. */
    static String createAuthorityKeys(NetworkNamespace ns, Path torGencert, Path dataDir, int dirPort)
            throws IOException {
        Path keys = Files.createDirectories(dataDir.resolve("keys"));
        Path certificate = keys.resolve("authority_certificate");
        // The passphrase is read from stdin; sh gives it an empty one.
        ns.run(List.of("sh", "-c", "printf '' | \"$0\" --create-identity-key --passphrase-fd 0 -m 12 -a \"$1\" "
                + "-i \"$2\" -s \"$3\" -c \"$4\"", torGencert.toString(), "127.0.0.1:" + dirPort,
                keys.resolve("authority_identity_key").toString(), keys.resolve("authority_signing_key").toString(),
                certificate.toString()));
        for (String line : Files.readAllLines(certificate, StandardCharsets.US_ASCII)) {
            if (line.startsWith("fingerprint ")) {
                return line.substring("fingerprint ".length()).trim();
            }
        }
        throw new IOException("no fingerprint in " + certificate);
    }

    /** Makes a node's identity key in its data directory and returns its relay fingerprint. */
    static String relayFingerprint(NetworkNamespace ns, Path tor, Path dataDir, Path emptyFile) throws IOException {
        ns.run(List.of(tor.toString(), "--defaults-torrc", emptyFile.toString(), "-f", emptyFile.toString(),
                "--DataDirectory", dataDir.toString(), "--ORPort", "1", "--Address", "127.0.0.1",
                "--DisableNetwork", "1",
                "--GeoIPFile", emptyFile.toString(), "--GeoIPv6File", emptyFile.toString(), "--list-fingerprint"));
        String line = Files.readString(dataDir.resolve("fingerprint"), StandardCharsets.US_ASCII).trim();
        return line.substring(line.indexOf(' ') + 1).replace(" ", "");
    }

    static List<String> dirAuthorityLines(List<String> v3idents, List<String> fingerprints) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < v3idents.size(); i++) {
            lines.add("DirAuthority " + TorConfigs.nickname(i) + " orport=" + TorConfigs.orPort(i) + " v3ident="
                    + v3idents.get(i) + " 127.0.0.1:" + TorConfigs.dirPort(i) + " " + fingerprints.get(i));
        }
        return lines;
    }

    /** Every relay gets the same bandwidth, so path selection does not wait for measurements. */
    static String bandwidthFile(List<String> fingerprints) {
        StringBuilder file = new StringBuilder().append(System.currentTimeMillis() / 1000).append('\n');
        fingerprints.forEach(fp -> file.append("node_id=$").append(fp).append(" bw=1000\n"));
        return file.toString();
    }
}
