package org.postern.crypto;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import javax.crypto.Cipher;

/**
 * Encrypts through a JDK {@link Cipher} on a second thread. The JDK's CFB is the slowest step of an upload, so
 * that thread does nothing else: the caller's thread copies plaintext into a few reused buffers and hands each
 * over when full, and writes the ciphertext that comes back to the stream beneath, which only it ever touches. A
 * message shorter than one buffer, or one that finds no free {@link HelperThreads helper}, is encrypted on the
 * caller's thread.
 */
final class CfbEncryptingStream extends BufferFillingStream {

    static final int CHUNK = 1 << 16;
    private static final int BUFFERS = 4;
    private static final int BLOCK = 16;
    private static final Chunk END = new Chunk(new byte[0], 0);

    private record Chunk(byte[] bytes, int length) {
    }

    private final Cipher cipher;
    private final OutputStream out;
    private final HelperThreads helpers;
    private final BlockingQueue<Chunk> plaintexts = new ArrayBlockingQueue<>(BUFFERS + 2);
    private final BlockingQueue<byte[]> freePlaintext = new ArrayBlockingQueue<>(BUFFERS);
    private final BlockingQueue<Chunk> ciphertexts = new ArrayBlockingQueue<>(BUFFERS + 2);
    private final BlockingQueue<byte[]> freeCiphertext = new ArrayBlockingQueue<>(BUFFERS);
    private Thread worker;
    private byte[] inlineCiphertext;
    private volatile Throwable failure;
    private boolean failureThrown;
    private boolean closed;

    CfbEncryptingStream(Cipher cipher, OutputStream out, HelperThreads helpers) {
        super(CHUNK, "encrypting");
        this.cipher = cipher;
        this.out = out;
        this.helpers = helpers;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        rethrowFailure();
        super.write(b, off, len);
    }

    /** Does nothing: everything written reaches the stream beneath by the end of {@link #close()}. */
    @Override
    public void flush() {
    }

    /** Encrypts what is left, writes all the ciphertext, then closes the packet stream beneath. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (worker == null) {
            if (failure == null) {
                encryptHere();
            }
        } else {
            endWorker(current == null ? null : new Chunk(current, filled));
        }
        // After a failure the message is abandoned: ending its packet would only fail again.
        rethrowFailure();
        out.close();
    }

    /** Ends the cipher thread of a message abandoned before {@link #close()}; safe to call more than once. */
    void release() {
        if (!closed) {
            closed = true;
            if (worker != null) {
                recordFailure(new IOException("abandoned"));
                endWorker(null);
            }
        }
    }

    /** No helper was free: this full buffer is encrypted and written here, and then reused. */
    private void encryptInline() throws IOException {
        try {
            int produced = cipher.update(current, 0, CHUNK, inlineCiphertext, 0);
            out.write(inlineCiphertext, 0, produced);
            filled = 0;
        } catch (GeneralSecurityException e) {
            throw thrownHere(new IOException("cipher failed", e));
        } catch (IOException e) {
            throw thrownHere(e);
        } catch (RuntimeException e) {
            throw thrownHere(e);
        }
    }

    /** A failure the caller sees now, and which close() must not throw again as the same instance. */
    private <E extends Exception> E thrownHere(E e) {
        recordFailure(e);
        failureThrown = true;
        return e;
    }

    private void encryptHere() throws IOException {
        try {
            byte[] ciphertext = new byte[filled + BLOCK];
            int produced = cipher.update(current, 0, filled, ciphertext, 0);
            produced += cipher.doFinal(ciphertext, produced);
            out.write(ciphertext, 0, produced);
        } catch (GeneralSecurityException e) {
            throw new IOException("cipher failed", e);
        }
    }

    @Override
    void bufferFull() throws InterruptedException, IOException {
        if (worker == null && inlineCiphertext == null) {
            for (int i = 0; i < BUFFERS; i++) {
                freeCiphertext.add(new byte[CHUNK + BLOCK]);
                if (i > 0) {
                    freePlaintext.add(new byte[CHUNK]);
                }
            }
            worker = helpers.tryStart("postern-cfb", this::encryptUntilEnd);
            if (worker == null) {
                inlineCiphertext = freeCiphertext.take();
            }
        }
        if (worker == null) {
            encryptInline();
            return;
        }
        plaintexts.put(new Chunk(current, CHUNK));
        for (Chunk ready; (ready = ciphertexts.poll()) != null;) {
            writeOut(ready);
        }
        // Waiting on the ciphertext, not on a free buffer: a buffer frees only as ciphertext is written out.
        while ((current = freePlaintext.poll()) == null && failure == null) {
            writeOut(ciphertexts.take());
        }
        filled = 0;
        rethrowFailure();
    }

    /** Hands over the last chunk (if any) and the end, then writes out every ciphertext until the worker ends. */
    private void endWorker(Chunk last) {
        boolean interrupted = false;
        try {
            if (last != null) {
                plaintexts.add(last);
            }
            plaintexts.add(END);
            for (Chunk ready = ciphertexts.take(); ready != END; ready = ciphertexts.take()) {
                writeOut(ready);
            }
            worker.join();
        } catch (InterruptedException e) {
            interrupted = true;
            recordFailure(new InterruptedIOException("interrupted while encrypting"));
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeOut(Chunk ready) {
        if (ready == END) {
            return; // only after a failure, which the caller rethrows
        }
        try {
            if (failure == null) {
                out.write(ready.bytes(), 0, ready.length());
            }
        } catch (IOException | RuntimeException e) {
            recordFailure(e);
        } finally {
            freeCiphertext.add(ready.bytes());
        }
    }

    private void encryptUntilEnd() {
        try {
            for (Chunk c = plaintexts.take(); c != END; c = plaintexts.take()) {
                if (failure == null) {
                    byte[] ciphertext = freeCiphertext.take();
                    ciphertexts.put(new Chunk(ciphertext, cipher.update(c.bytes(), 0, c.length(), ciphertext, 0)));
                }
                if (c.length() == CHUNK) {
                    freePlaintext.put(c.bytes());
                }
            }
            if (failure == null) {
                byte[] ciphertext = freeCiphertext.take();
                ciphertexts.put(new Chunk(ciphertext, cipher.doFinal(ciphertext, 0)));
            }
        } catch (InterruptedException e) {
            recordFailure(new InterruptedIOException("interrupted while encrypting"));
        } catch (GeneralSecurityException | RuntimeException | Error e) {
            recordFailure(e);
        } finally {
            ciphertexts.add(END);
        }
    }

    private void recordFailure(Throwable e) {
        if (failure == null) {
            failure = e;
        }
    }

    /** The failure itself the first time; after that a new exception, which a try-with-resources can suppress. */
    private void rethrowFailure() throws IOException {
        Throwable f = failure;
        if (f == null) {
            return;
        }
        if (failureThrown) {
            throw new IOException("the message was abandoned after an earlier failure", f);
        }
        failureThrown = true;
        if (f instanceof IOException e) {
            throw e;
        }
        if (f instanceof RuntimeException e) {
            throw e;
        }
        if (f instanceof Error e) {
            throw e;
        }
        throw new IOException("cipher failed", f);
    }
}
