package org.postern.intake.internal;

import org.springframework.http.HttpStatus;

/** A submission that was not kept, with a message the source can act on. Nothing of it remains. */
public class SubmissionRejected extends Exception {

    private final HttpStatus status;

    SubmissionRejected(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    SubmissionRejected(HttpStatus status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    static SubmissionRejected tooLarge(String limit) {
        return new SubmissionRejected(HttpStatus.PAYLOAD_TOO_LARGE,
                "Your submission is larger than the limit of " + limit + ". Nothing was kept. "
                        + "Send fewer or smaller files at a time.");
    }

    static SubmissionRejected serverCannotAccept(Throwable cause) {
        return new SubmissionRejected(HttpStatus.SERVICE_UNAVAILABLE,
                "The server cannot accept this submission now. Nothing was kept. Please try again later.", cause);
    }
}
