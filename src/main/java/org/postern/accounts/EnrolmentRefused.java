package org.postern.accounts;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * An enrolment that did not happen, with a message the person can act on: a console message key and its
 * arguments, put in words in the person's language by the page.
 */
public class EnrolmentRefused extends Exception {

    private final transient MessageSourceResolvable reason;

    public EnrolmentRefused(String messageKey, Object... arguments) {
        this(new DefaultMessageSourceResolvable(new String[] {messageKey}, arguments));
    }

    public EnrolmentRefused(MessageSourceResolvable reason) {
        super(reason.getCodes()[0]);
        this.reason = reason;
    }

    public MessageSourceResolvable reason() {
        return reason;
    }
}
