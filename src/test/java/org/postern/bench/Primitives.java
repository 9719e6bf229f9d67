package org.postern.bench;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.postern.crypto.BenchmarkEncryptors;

/**
 * The two primitives inside Postern's encryptor, each alone over the same number of bytes in memory, so the
 * table shows which one bounds the whole: SEIPD v1 is AES-256 in CFB mode (serial by definition) plus SHA-1.
 * The JDK's own CFB, which Postern computes through CBC instead, is there for comparison.
 */
final class Primitives {

    private static final int CHUNK = 1 << 16;

    private Primitives() {
    }

    static void jdkCfb(long bytes) {
        try {
            Cipher c = Cipher.getInstance("AES/CFB/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[32], "AES"), new IvParameterSpec(new byte[16]));
            byte[] in = new byte[CHUNK];
            byte[] out = new byte[CHUNK + 16];
            for (long done = 0; done < bytes; done += CHUNK) {
                c.update(in, 0, CHUNK, out, 0);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static void cfb(long bytes) {
        BenchmarkEncryptors.cfb(bytes);
    }

    static void sha1(long bytes) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] in = new byte[CHUNK];
            for (long done = 0; done < bytes; done += CHUNK) {
                sha1.update(in);
            }
            sha1.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
