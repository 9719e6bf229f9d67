package org.postern.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/**
 * CFB computed through CBC must be CFB exactly: NIST's vectors, and the JDK's own {@code AES/CFB/NoPadding} over
 * many random keys, IVs, lengths and ways of splitting a message into calls.
 */
class AesCfbEncryptionTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final int CASES = 10_000;

    /** NIST SP 800-38A, appendix F.3.17, CFB128-AES256.Encrypt. */
    @Test
    void passesTheSp80038aCfb128Aes256Vectors() throws GeneralSecurityException {
        byte[] key = HEX.parseHex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4");
        byte[] iv = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
        byte[] plaintext = HEX.parseHex("6bc1bee22e409f96e93d7e117393172a" + "ae2d8a571e03ac9c9eb76fac45af8e51"
                + "30c81c46a35ce411e5fbc1191a0a52ef" + "f69f2445df4f9b17ad2b417be66c3710");
        String expected = "dc7e84bfda79164b7ecd8486985d3860" + "39ffed143b28b1c832113c6331e5407b"
                + "df10132415e54b92a13ed0a8267ae2f9" + "75a385741ab9cef82031623d55b1e471";

        byte[] whole = new byte[plaintext.length];
        new AesCfbEncryption(key, iv).encrypt(plaintext, 0, plaintext.length, whole, 0);
        assertThat(HEX.formatHex(whole)).isEqualTo(expected);

        // One byte per call, so that every block is completed from the partial-block path.
        AesCfbEncryption bytewise = new AesCfbEncryption(key, iv);
        byte[] byByte = new byte[plaintext.length];
        for (int i = 0; i < plaintext.length; i++) {
            bytewise.encrypt(plaintext, i, 1, byByte, i);
        }
        assertThat(HEX.formatHex(byByte)).isEqualTo(expected);
    }

    /** The cases are split over the CPUs, each share with its own seed, since the JDK's CFB is slow to compare with. */
    @Test
    void matchesTheJdksCfbOnTenThousandRandomMessagesSplitAtRandom() throws Exception {
        long seed = new SecureRandom().nextLong();
        byte[] plaintext = new byte[4 << 20];
        new Random(seed).nextBytes(plaintext);
        int workers = Math.max(2, Runtime.getRuntime().availableProcessors());
        List<Callable<Integer>> shares = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            long shareSeed = seed + w;
            int cases = CASES / workers + (w < CASES % workers ? 1 : 0);
            shares.add(() -> matchesTheJdk(plaintext, seed, shareSeed, cases));
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            int checked = 0;
            for (Future<Integer> share : pool.invokeAll(shares)) {
                try {
                    checked += share.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof AssertionError a ? a : new AssertionError(e.getCause());
                }
            }
            assertThat(checked).isEqualTo(CASES);
        } finally {
            pool.shutdownNow();
        }
    }

    private static int matchesTheJdk(byte[] plaintext, long plaintextSeed, long seed, int cases)
            throws GeneralSecurityException {
        Random random = new Random(seed);
        byte[] expected = new byte[plaintext.length];
        byte[] ours = new byte[plaintext.length];
        for (int c = 0; c < cases; c++) {
            byte[] key = new byte[32];
            byte[] iv = new byte[16];
            random.nextBytes(key);
            random.nextBytes(iv);
            int length = randomLength(random, plaintext.length);
            int start = random.nextInt(plaintext.length - length + 1);

            Cipher jdk = Cipher.getInstance("AES/CFB/NoPadding");
            jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            assertThat(jdk.doFinal(plaintext, start, length, expected, 0)).isEqualTo(length);

            AesCfbEncryption cfb = new AesCfbEncryption(key, iv);
            boolean inPlace = random.nextInt(4) == 0;
            byte[] in = plaintext;
            int inOff = start;
            if (inPlace) {
                System.arraycopy(plaintext, start, ours, 0, length);
                in = ours;
                inOff = 0;
            }
            for (int done = 0; done < length;) {
                int n = randomSplit(random, length - done);
                cfb.encrypt(in, inOff + done, n, ours, done);
                done += n;
            }
            assertThat(Arrays.equals(ours, 0, length, expected, 0, length))
                    .as("case %d of seed %d (plaintext seed %d): length %d, in place %s", c, seed,
                            plaintextSeed, length, inPlace).isTrue();
        }
        return cases;
    }

    /** From 0 to the whole buffer (a power of two) less one, spread evenly over orders of magnitude so that short messages are common. */
    private static int randomLength(Random random, int max) {
        int bits = random.nextInt(Integer.numberOfTrailingZeros(max) + 1);
        return bits == 0 ? 0 : random.nextInt(1 << (bits - 1), 1 << bits);
    }

    /** A piece for one call: single bytes, odd sizes, whole blocks, more than one buffer, or everything left. */
    private static int randomSplit(Random random, int left) {
        int n = switch (random.nextInt(6)) {
            case 0 -> 1 + random.nextInt(16);
            case 1 -> 1 + random.nextInt(1000);
            case 2 -> 16 * (1 + random.nextInt(8192));
            case 3 -> 1 + random.nextInt(3 * AesCfbEncryption.CHUNK);
            case 4 -> left - random.nextInt(Math.min(left, 17));
            default -> left;
        };
        return Math.max(1, Math.min(n, left));
    }
}
