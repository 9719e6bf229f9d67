package org.postern.onion;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.postern.config.PosternProperties;
import org.postern.crypto.OnionAuthKeyPair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Per-device client authorization for the console onion: one {@code <device>.auth} file per investigator device
 * in the console service's {@code authorized_clients/} directory, so any one device can be revoked alone.
 * Only public keys are written; the private half is returned once and forgotten.
 * <p>
 * Tor reads that directory only when it starts or is sent SIGHUP, so a change takes effect after tor is
 * reloaded (docs/deploy.md).
 * <p>
 * Tor makes a v3 service public when {@code authorized_clients/} holds no key at all, so revoking the last device
 * would open the console to anyone with its address. The directory therefore always holds a lock key whose
 * private half nobody ever had; its name is not a device name, so it never shows in {@link #list()}.
 */
@Component
public class ClientAuthKeys {

    private static final String SUFFIX = ".auth";
    static final String LOCK_FILE = "_postern-lock" + SUFFIX;
    private static final Logger log = LoggerFactory.getLogger(ClientAuthKeys.class);

    private final Path configuredDir;
    private final OnionHostnames hostnames;
    private final SecureRandom random;

    ClientAuthKeys(PosternProperties properties, OnionHostnames hostnames, SecureRandom random) {
        this.configuredDir = properties.tor().consoleAuthorizedClientsDir();
        this.hostnames = hostnames;
        this.random = random;
        if (configuredDir != null) {
            try {
                ensureLock();
            } catch (IOException e) {
                // Not fatal here: add and revoke retry, and fail loudly, when an operator acts.
                log.warn("Cannot write the console's authorized-clients directory {}: {}", configuredDir,
                        e.getMessage());
            }
        }
    }

    /**
     * Authorizes a new device and returns its private key, the only copy there will be.
     *
     * @throws IllegalArgumentException if the name is not a valid device name
     * @throws DeviceAlreadyAuthorized if the device has a key already; revoke it first
     * @throws IllegalStateException if the directory or the console's hostname file is not configured
     */
    public synchronized DeviceCredential add(String deviceName) throws IOException {
        Path file = fileOf(DeviceNames.require(deviceName));
        String onion = hostnames.console().map(h -> h.substring(0, h.length() - ".onion".length()))
                .orElseThrow(() -> new IllegalStateException("The console onion address is unknown: set "
                        + "postern.tor.console-hostname-file to a readable copy of tor's hostname file."));
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new DeviceAlreadyAuthorized(deviceName);
        }
        ensureLock();
        OnionAuthKeyPair pair = OnionAuthKeyPair.generate(random);
        AtomicFiles.writeOwnerOnly(file, authLine(pair));
        return new DeviceCredential(deviceName, onion, pair.privateKey());
    }

    /** Removes a device's key; returns false if it had none. */
    public synchronized boolean revoke(String deviceName) throws IOException {
        Path file = fileOf(DeviceNames.require(deviceName));
        ensureLock();
        return Files.deleteIfExists(file);
    }

    /** The authorized devices' names, sorted. */
    public List<String> list() throws IOException {
        Path dir = dir();
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path entry : entries) {
                String file = entry.getFileName().toString();
                String name = file.substring(0, file.length() - SUFFIX.length());
                if (DeviceNames.VALID.matcher(name).matches()) {
                    names.add(name);
                }
            }
        }
        names.sort(null);
        return names;
    }

    private void ensureLock() throws IOException {
        Path lock = dir().resolve(LOCK_FILE);
        if (!Files.exists(lock, LinkOption.NOFOLLOW_LINKS)) {
            // Only the public half is kept: this key exists to be held by nobody.
            AtomicFiles.writeOwnerOnly(lock, authLine(OnionAuthKeyPair.generate(random)));
        }
    }

    private static String authLine(OnionAuthKeyPair pair) {
        return "descriptor:x25519:" + pair.publicKey() + "\n";
    }

    private Path fileOf(String validName) {
        Path dir = dir();
        Path file = dir.resolve(validName + SUFFIX).normalize();
        // The name's alphabet already rules out separators and "..": this is the belt to those braces.
        if (!dir.equals(file.getParent())) {
            throw new IllegalArgumentException("device file would leave the authorized-clients directory");
        }
        return file;
    }

    /** Whether Postern was told where tor's authorized-clients directory is. */
    public boolean isConfigured() {
        return configuredDir != null;
    }

    private Path dir() {
        if (configuredDir == null) {
            throw new IllegalStateException("postern.tor.console-authorized-clients-dir is not set.");
        }
        return configuredDir.toAbsolutePath().normalize();
    }
}
