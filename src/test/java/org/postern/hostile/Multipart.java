package org.postern.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A multipart/form-data body written by hand, so that it can be wrong in exactly one way. */
final class Multipart {

    private final String boundary;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Multipart(String boundary) {
        this.boundary = boundary;
    }

    static Multipart create() {
        return new Multipart("HostileBoundary7MA4YWxkTrZu0gW");
    }

    String boundary() {
        return boundary;
    }

    Multipart field(String name, String value) {
        return field(name, value.getBytes(StandardCharsets.UTF_8));
    }

    Multipart field(String name, byte[] value) {
        text("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
        out.writeBytes(value);
        return text("\r\n");
    }

    /** A file part whose file name goes on the wire as these exact bytes. */
    Multipart file(byte[] fileName, byte[] content) {
        text("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"");
        out.writeBytes(fileName);
        text("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        out.writeBytes(content);
        return text("\r\n");
    }

    Multipart file(String fileName, String content) {
        return file(fileName.getBytes(StandardCharsets.UTF_8), content.getBytes(StandardCharsets.UTF_8));
    }

    Multipart raw(String text) {
        return text(text);
    }

    Multipart raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    Multipart end() {
        return text("--" + boundary + "--\r\n");
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private Multipart text(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        return this;
    }
}
