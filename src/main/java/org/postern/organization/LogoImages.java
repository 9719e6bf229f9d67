package org.postern.organization;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns an uploaded logo into a fresh PNG drawn by the server: PNG or JPEG in, nothing of the original file's
 * bytes or metadata out. The pixel count is read from the header and checked before any pixel is decoded, so a
 * small file that claims a huge image (a decompression bomb) costs nothing.
 */
public final class LogoImages {

    /** The largest file accepted. */
    public static final int MAX_UPLOAD_BYTES = 1024 * 1024;
    /** 4096 × 4096: more than any logo needs, and about 64 MiB of pixels at most while decoding. */
    static final long MAX_PIXELS = 4096L * 4096;
    static final int MAX_SIDE = 8192;
    /** The stored logo fits this box; pages show it smaller. */
    static final int BOX_WIDTH = 600;
    static final int BOX_HEIGHT = 200;

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

    private LogoImages() {
    }

    /**
     * A logo that was not taken. The admin reads why through {@link #messageKey()} and {@link #arguments()}, in
     * the console's language; the message is the same in English, for logs.
     */
    public static final class LogoRefused extends Exception {
        private static final long serialVersionUID = 1L;
        private final String messageKey;
        private final transient Object[] arguments;

        LogoRefused(String message, String messageKey, Object... arguments) {
            this(message, null, messageKey, arguments);
        }

        LogoRefused(String message, Throwable cause, String messageKey, Object... arguments) {
            super(message, cause);
            this.messageKey = messageKey;
            this.arguments = arguments.clone();
        }

        public String messageKey() {
            return messageKey;
        }

        public Object[] arguments() {
            return arguments.clone();
        }
    }

    public static byte[] reencode(byte[] upload) throws LogoRefused {
        if (upload.length == 0) {
            throw new LogoRefused("Choose a PNG or JPEG file for the logo.", "logo.refused.choose");
        }
        if (upload.length > MAX_UPLOAD_BYTES) {
            throw new LogoRefused("The logo file is larger than 1 MB. Use a smaller image.", "logo.refused.tooLarge");
        }
        String format = startsWith(upload, PNG) ? "png" : startsWith(upload, JPEG) ? "jpeg" : null;
        if (format == null) {
            throw new LogoRefused("The logo must be a PNG or JPEG image.", "logo.refused.notImage");
        }
        BufferedImage decoded = decode(upload, format);
        return encodePng(fitIntoBox(decoded));
    }

    private static BufferedImage decode(byte[] upload, String format) throws LogoRefused {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
            if (!readers.hasNext()) {
                throw new LogoRefused("The logo must be a PNG or JPEG image.", "logo.refused.notImage");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE
                        || width * height > MAX_PIXELS) {
                    throw new LogoRefused("The logo image is too large (" + width + " × " + height
                            + " pixels). Use one of at most 4096 × 4096 pixels.", "logo.refused.dimensions", width, height);
                }
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw new LogoRefused("The logo file could not be read as an image.", "logo.refused.unreadable");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new LogoRefused("The logo file could not be read as a PNG or JPEG image.", e,
                    "logo.refused.unreadable");
        }
    }

    private static BufferedImage fitIntoBox(BufferedImage image) {
        double scale = Math.min(1.0, Math.min((double) BOX_WIDTH / image.getWidth(),
                (double) BOX_HEIGHT / image.getHeight()));
        int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage drawn = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = drawn.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return drawn;
    }

    private static byte[] encodePng(BufferedImage image) throws LogoRefused {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new LogoRefused("The logo could not be converted.", "logo.refused.notConverted");
            }
        } catch (IOException e) {
            throw new LogoRefused("The logo could not be converted.", e, "logo.refused.notConverted");
        }
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
