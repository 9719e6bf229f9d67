package org.postern.crypto;

/**
 * What a codename unlocks: the stored lookup id, and the seed of the source's reply key pair.
 * The seed is wiped on close.
 */
public final class SourceSecrets implements AutoCloseable {

    private final String lookupId;
    private final SecretBytes replySeed;

    SourceSecrets(String lookupId, SecretBytes replySeed) {
        this.lookupId = lookupId;
        this.replySeed = replySeed;
    }

    /** Safe to store: it finds the source but cannot recover the codename or the seed. */
    public String lookupId() {
        return lookupId;
    }

    SecretBytes replySeed() {
        return replySeed;
    }

    @Override
    public void close() {
        replySeed.destroy();
    }

    @Override
    public String toString() {
        return "SourceSecrets[REDACTED]";
    }
}
