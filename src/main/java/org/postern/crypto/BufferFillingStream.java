package org.postern.crypto;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * Gathers writes into one fixed-size buffer and hands it over when full, so that a worker thread gets large
 * pieces and nothing is allocated per write. {@link #bufferFull()} may swap {@link #current} for another buffer
 * of the same size, and must reset {@link #filled}.
 */
abstract class BufferFillingStream extends OutputStream {

    private final int size;
    private final String doing;
    private final byte[] one = new byte[1];
    byte[] current;
    int filled;

    /** @param doing what a waiting caller was doing, for the message if it is interrupted */
    BufferFillingStream(int size, String doing) {
        this.size = size;
        this.doing = doing;
        this.current = new byte[size];
    }

    /** Called with {@link #current} full. */
    abstract void bufferFull() throws IOException, InterruptedException;

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            while (len > 0) {
                int n = Math.min(len, size - filled);
                System.arraycopy(b, off, current, filled, n);
                filled += n;
                off += n;
                len -= n;
                if (filled == size) {
                    bufferFull();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while " + doing);
        }
    }

    @Override
    public void write(int b) throws IOException {
        one[0] = (byte) b;
        write(one, 0, 1);
    }
}
