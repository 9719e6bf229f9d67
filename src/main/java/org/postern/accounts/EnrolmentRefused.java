package org.postern.accounts;

/** An enrolment that did not happen, with a message the person can act on. */
public class EnrolmentRefused extends Exception {

    public EnrolmentRefused(String message) {
        super(message);
    }
}
