package org.postern.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The message text on its way to the cipher: the blank check on bytes, the array's size, and its wiping. */
class MessageTextTest {

    private static final SubmissionRejected TOO_LONG = new SubmissionRejected(HttpStatus.PAYLOAD_TOO_LARGE,
            "reject.messageTooLong");

    @Test
    void theBlankCheckOnBytesAgreesWithStringIsBlank() throws Exception {
        List<byte[]> samples = new ArrayList<>();
        for (String s : List.of("", " ", "\t\r\n \u000b\f", "\u3000\u2003\u2028\u2029\u205f\u1680", " x ",
                "\u00a0", "\u2007", "\u202f", "\u200b", "\ufeff", " \u0627 ", "\uD83D\uDE00", " \u4e2d",
                "\u001c\u001d\u001e\u001f", " ".repeat(1000) + "a", "\u3000".repeat(300))) {
            samples.add(s.getBytes(StandardCharsets.UTF_8));
        }
        samples.add(new byte[] {(byte) 0xff});                   // malformed: U+FFFD, not blank
        samples.add(new byte[] {' ', (byte) 0xe3, (byte) 0x80});  // a truncated ideographic space
        samples.add(new byte[] {(byte) 0xc0, (byte) 0xa0});      // an overlong encoding of a space
        samples.add(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}); // an encoded surrogate
        for (byte[] sample : samples) {
            boolean expected = new String(sample, StandardCharsets.UTF_8).isBlank();
            try (MessageText text = MessageText.read(new ByteArrayInputStream(sample), 1 << 20, sample.length,
                    TOO_LONG)) {
                assertThat(text.isBlank()).as(java.util.HexFormat.of().formatHex(sample)).isEqualTo(expected);
            }
        }
    }

    @Test
    void theTextGoesOutWholeAndTheArrayIsZeroedAfterUse() throws Exception {
        byte[] message = "Die Unterlagen liegen im Archiv \u0627\u0644\u0623\u0631\u0634\u064a\u0641 ".repeat(50)
                .getBytes(StandardCharsets.UTF_8);
        byte[] backing;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MessageText text = MessageText.read(trickle(message, 7), 1 << 20, message.length + 300, TOO_LONG)) {
            backing = text.backingArrayForTest();
            assertThat(backing.length).as("sized from the request's length, not grown").isEqualTo(message.length + 301);
            text.writeTo(out);
        }
        assertThat(out.toByteArray()).isEqualTo(message);
        assertThat(backing).as("zeroed after use").containsOnly(0);
    }

    @Test
    void anArrayOutgrownIsZeroedAtOnce() throws Exception {
        byte[] message = "x".repeat(MessageText.UNKNOWN_SIZE_START * 3).getBytes(StandardCharsets.US_ASCII);
        List<byte[]> arrays = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = new FilterInputStream(new ByteArrayInputStream(message)) {
            @Override
            public int read(byte[] into, int offset, int length) throws IOException {
                if (arrays.isEmpty() || arrays.get(arrays.size() - 1) != into) {
                    arrays.add(into);
                }
                return super.read(into, offset, Math.min(length, 4096));
            }
        };
        try (MessageText text = MessageText.read(in, 1 << 20, -1, TOO_LONG)) {
            assertThat(arrays.get(0)).hasSize(MessageText.UNKNOWN_SIZE_START);
            assertThat(arrays).as("grew").hasSizeGreaterThan(1);
            for (byte[] old : arrays.subList(0, arrays.size() - 1)) {
                assertThat(old).as("an outgrown array").containsOnly(0);
            }
            text.writeTo(out);
        }
        assertThat(out.toByteArray()).isEqualTo(message);
        assertThat(arrays.get(arrays.size() - 1)).containsOnly(0);
    }

    @Test
    void anOverlongTextIsRefusedWithWhatWasReadWiped() {
        byte[] message = "secret words ".repeat(100).getBytes(StandardCharsets.US_ASCII);
        List<byte[]> arrays = new ArrayList<>();
        InputStream in = new FilterInputStream(new ByteArrayInputStream(message)) {
            @Override
            public int read(byte[] into, int offset, int length) throws IOException {
                arrays.add(into);
                return super.read(into, offset, length);
            }
        };
        assertThatThrownBy(() -> MessageText.read(in, 1000, message.length, TOO_LONG)).isSameAs(TOO_LONG);
        assertThat(arrays).isNotEmpty().allSatisfy(array -> assertThat(array).containsOnly(0));
    }

    private static InputStream trickle(byte[] bytes, int step) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] into, int offset, int length) throws IOException {
                return super.read(into, offset, Math.min(length, step));
            }
        };
    }
}
