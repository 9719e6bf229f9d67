package org.postern.testing.tor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/** Keys made before any tor starts: authority certificates, and every node's relay fingerprint. */
final class NodeIdentities {

    private NodeIdentities() {
    }

    /** Makes an authority's v3 keys in {@code <dataDir>/keys} and returns its v3ident. */
    static String createAuthorityKeys(NetworkNamespace ns, Path torGencert, Path dataDir, int dirPort)
            throws IOException {
        Path keys = Files.createDirectories(dataDir.resolve("keys"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
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

    /**
     * Writes a node's RSA identity key where tor looks for it ({@code keys/secret_id_key}, PKCS#1 PEM) and returns
     * its relay fingerprint, the SHA-1 of the PKCS#1 public key. Doing this in Java rather than with
     * {@code tor --list-fingerprint} saves seven tor runs, which is most of the start-up time on a busy machine.
     */
    static String relayIdentity(Path dataDir) throws IOException {
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(new RSAKeyGenParameterSpec(1024, RSAKeyGenParameterSpec.F4));
            KeyPair pair = rsa.generateKeyPair();
            byte[] privateKey = PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded()).parsePrivateKey()
                    .toASN1Primitive().getEncoded("DER");
            RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
            byte[] publicDer = new org.bouncycastle.asn1.pkcs.RSAPublicKey(publicKey.getModulus(),
                    publicKey.getPublicExponent()).getEncoded("DER");
            Path keys = Files.createDirectories(dataDir.resolve("keys"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.writeString(keys.resolve("secret_id_key"), "-----BEGIN RSA PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(privateKey)
                    + "\n-----END RSA PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(keys.resolve("secret_id_key"), PosixFilePermissions.fromString("rw-------"));
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(publicDer));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make an RSA identity key", e);
        }
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
