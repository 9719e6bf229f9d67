package org.postern.recipients;

import java.util.Optional;

/**
 * The key is already registered. The message is English, for the command line; the console says it in the
 * reader's language through {@link #messageKey()} and {@link #arguments()}.
 */
public class DuplicateKeyRejected extends Exception {

    private static final long serialVersionUID = 1L;
    private final String messageKey;
    private final String[] arguments;

    /** @param holder the user name of the account that registered it; empty when the operator did */
    public DuplicateKeyRejected(String fingerprint, Optional<String> holder) {
        super("A key with fingerprint " + fingerprint + " is already registered, by "
                + holder.map(name -> "the account " + name).orElse("the operator, on the command line") + ".");
        this.messageKey = holder.isPresent() ? "keyRefused.duplicateOfAccount" : "keyRefused.duplicateOfOperator";
        this.arguments = holder.map(name -> new String[] {fingerprint, name}).orElse(new String[] {fingerprint});
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] arguments() {
        return arguments.clone();
    }
}
