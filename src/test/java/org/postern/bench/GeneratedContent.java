package org.postern.bench;

import java.io.InputStream;
import java.util.SplittableRandom;

/** A file of any size made on the fly from one random block, so a 4 GiB upload needs no 4 GiB on disk. */
final class GeneratedContent extends InputStream {

    private static final byte[] BLOCK = new byte[1 << 20];

    static {
        new SplittableRandom(4).nextBytes(BLOCK);
    }

    private final long length;
    private long position;

    GeneratedContent(long length) {
        this.length = length;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position >= length) {
            return -1;
        }
        int at = (int) (position % BLOCK.length);
        int n = (int) Math.min(Math.min(len, BLOCK.length - at), length - position);
        System.arraycopy(BLOCK, at, b, off, n);
        position += n;
        return n;
    }

    @Override
    public int read() {
        return position < length ? BLOCK[(int) (position++ % BLOCK.length)] & 0xff : -1;
    }
}
