package org.postern.accounts;

/** Why a proposal cannot be confirmed or cancelled; {@code messageKey} names the console text that says so. */
public class ProposalRefused extends Exception {

    private static final long serialVersionUID = 1L;

    private final String messageKey;

    ProposalRefused(String messageKey) {
        super(messageKey, null, false, false);
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
    }
}
