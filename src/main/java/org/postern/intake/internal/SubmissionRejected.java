package org.postern.intake.internal;

import java.util.Arrays;

import org.springframework.http.HttpStatus;

/**
 * A submission that was not kept, with a message the source can act on: a message key of the source bundle and
 * its arguments. Nothing of the submission remains.
 */
public class SubmissionRejected extends Exception {

    private final HttpStatus status;
    private final String messageKey;
    private final transient Object[] arguments;

    SubmissionRejected(HttpStatus status, String messageKey, Object... arguments) {
        super(messageKey);
        this.status = status;
        this.messageKey = messageKey;
        this.arguments = arguments.clone();
    }

    SubmissionRejected(HttpStatus status, Throwable cause, String messageKey) {
        super(messageKey, cause);
        this.status = status;
        this.messageKey = messageKey;
        this.arguments = new Object[0];
    }

    public HttpStatus status() {
        return status;
    }

    /** The key of the sentence to show, in the source bundle. */
    public String messageKey() {
        return messageKey;
    }

    /** Its arguments: numbers, or {@link Size} for a byte count the page writes in its own language. */
    public Object[] arguments() {
        return Arrays.copyOf(arguments, arguments.length);
    }

    /** A number of bytes, to be written as a size. */
    public record Size(long bytes) {
    }

    static SubmissionRejected tooLarge(long limit) {
        return new SubmissionRejected(HttpStatus.PAYLOAD_TOO_LARGE, "reject.tooLarge", new Size(limit));
    }

    /** Every upload slot is taken, or this upload was too slow to keep one: the connection is best closed. */
    static SubmissionRejected busy() {
        return new SubmissionRejected(HttpStatus.SERVICE_UNAVAILABLE, "reject.busy");
    }

    /**
     * Whether the connection should close after the refusal instead of reading the rest of the body: a
     * connection that trickles must not hold a request thread while Tomcat reads what is left.
     */
    public boolean dropsConnection() {
        return "reject.busy".equals(messageKey);
    }

    static SubmissionRejected serverCannotAccept(Throwable cause) {
        return new SubmissionRejected(HttpStatus.SERVICE_UNAVAILABLE, cause, "reject.serverCannotAccept");
    }
}
