package org.postern.crypto;

/**
 * An OpenPGP key that cannot be a recipient. {@link #refusal()} says why as a stable reason with its
 * {@link #arguments()}, which the console puts in the reader's language; the message is the same in English,
 * for the command line and for operators.
 */
public class KeyRejectedException extends Exception {

    private static final long serialVersionUID = 1L;
    private final KeyRefusal refusal;
    private final transient Object[] arguments;

    public KeyRejectedException(String message, KeyRefusal refusal, Object... arguments) {
        super(message);
        this.refusal = refusal;
        this.arguments = arguments.clone();
    }

    public KeyRefusal refusal() {
        return refusal;
    }

    /** The console bundle's key for this refusal. */
    public String consoleKey() {
        return refusal.messageKey();
    }

    /** The arguments of {@link #consoleKey()}'s sentence (numbers, digits, days as {@code LocalDate}). */
    public Object[] arguments() {
        return arguments.clone();
    }
}
