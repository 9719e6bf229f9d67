package org.postern.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The parser is fed one 64 KiB buffer at a time, so a delimiter, or bytes that only look like the start of one,
 * can fall across a buffer's edge. A wrong split there would silently encrypt the wrong bytes; these tests put
 * that edge at every offset around a delimiter and compare every byte.
 */
class MultipartPartsTest {

    private static final String BOUNDARY = "----geckoformboundary5f2d8c0e4b1a";
    private static final String TYPE = "multipart/form-data; boundary=" + BOUNDARY;
    private static final int EDGE = 64 * 1024;

    @Test
    void aDelimiterAtEveryOffsetAcrossTheBufferEdgeSplitsExactly() throws IOException {
        Random random = new Random(7);
        int head = head("a.bin").length;
        for (int shift = -80; shift <= 80; shift++) {
            byte[] content = randomBytes(random, EDGE - head + shift);
            List<byte[]> parts = parse(body(content, "second".getBytes(StandardCharsets.UTF_8)));
            assertThat(parts).hasSize(2);
            assertThat(parts.get(0)).as("shift %d", shift).isEqualTo(content);
            assertThat(new String(parts.get(1), StandardCharsets.UTF_8)).isEqualTo("second");
        }
    }

    @Test
    void contentThatAlmostContainsTheDelimiterIsKeptWholeWhereverTheEdgeFalls() throws IOException {
        String delimiter = "\r\n--" + BOUNDARY;
        int head = head("a.bin").length;
        for (int cut = 1; cut < delimiter.length(); cut++) {
            byte[] lure = (delimiter.substring(0, cut) + "X").getBytes(StandardCharsets.US_ASCII);
            for (int shift = -lure.length - 2; shift <= 2; shift++) {
                ByteArrayOutputStream content = new ByteArrayOutputStream();
                content.write(new byte[EDGE - head + shift], 0, EDGE - head + shift);
                content.write(lure);
                content.write("\r\r\n-\r\n--".getBytes(StandardCharsets.US_ASCII));
                List<byte[]> parts = parse(body(content.toByteArray()));
                assertThat(parts.get(0)).as("cut %d shift %d", cut, shift).isEqualTo(content.toByteArray());
            }
        }
    }

    @Test
    void manyPartsOfRandomSizesComeOutByteForByte() throws IOException {
        Random random = new Random(11);
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            contents.add(randomBytes(random, random.nextInt(3) == 0 ? random.nextInt(200_000) : random.nextInt(50)));
        }
        contents.add(1, new byte[0]); // a file input left empty still sends its part
        List<byte[]> parts = parse(body(contents.toArray(byte[][]::new)));
        assertThat(parts).hasSameSizeAs(contents);
        for (int i = 0; i < contents.size(); i++) {
            assertThat(parts.get(i)).isEqualTo(contents.get(i));
        }
    }

    @Test
    void aBodyCutShortIsAnErrorNotAShorterFile() {
        byte[] whole = body(new byte[200_000]);
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 10);
        assertThatThrownBy(() -> parse(cut)).isInstanceOf(IOException.class);
    }

    @Test
    void anUnreadPartIsSkippedAndTheNextOneStillArrives() throws IOException {
        byte[] first = new byte[300_000];
        MultipartParts parts = new MultipartParts(TYPE, new ByteArrayInputStream(body(first, "b".getBytes())), 10);
        assertThat(parts.next().fileName()).isEqualTo("a.bin");
        MultipartParts.Part second = parts.next();
        assertThat(second.content().readAllBytes()).isEqualTo("b".getBytes());
        assertThat(parts.next()).isNull();
    }

    @Test
    void boundariesOutsideRfc2046AreRefused() {
        for (String type : new String[] {"multipart/form-data", "multipart/form-data; boundary=",
                "multipart/form-data; boundary=" + "x".repeat(71), "multipart/form-data; boundary=\"a\\\"b\""}) {
            assertThatThrownBy(() -> new MultipartParts(type, new ByteArrayInputStream(new byte[0]), 10))
                    .as(type).isInstanceOf(IOException.class);
        }
    }

    private static List<byte[]> parse(byte[] body) throws IOException {
        MultipartParts parts = new MultipartParts(TYPE, new ByteArrayInputStream(body), 1000);
        List<byte[]> out = new ArrayList<>();
        for (MultipartParts.Part part; (part = parts.next()) != null;) {
            out.add(part.content().readAllBytes());
        }
        return out;
    }

    private static byte[] body(byte[]... contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < contents.length; i++) {
            byte[] content = contents[i];
            out.writeBytes(head(i == 0 ? "a.bin" : "part" + i + ".bin"));
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] head(String fileName) {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
